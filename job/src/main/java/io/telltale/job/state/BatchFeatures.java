package io.telltale.job.state;

import io.telltale.core.features.SessionFeatureAccumulator;

/**
 * One telemetry batch after parsing, already folded into features. This, not the raw arrays,
 * is what crosses the shuffle to the session windows: a few hundred bytes instead of a few
 * kilobytes, and no generic serialization.
 *
 * @param pageId the page instance that sent the batch, or null (the session's one page stream);
 *               {@code sequence} counts per page instance
 * @param origin where the batch was read ({@code topic/partition@offset}), so a late batch can be
 *               dead-lettered with a pointer to its original record
 */
public record BatchFeatures(
        String sessionId,
        String pageId,
        long sequence,
        long startedAt,
        String origin,
        SessionFeatureAccumulator features) {}
