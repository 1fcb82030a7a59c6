package io.telltale.job.state;

import io.telltale.core.wire.RiskScore;

/**
 * A risk score on its way to the policies, with the good-bot family its crawler was verified as
 * (forward-confirmed reverse DNS), or null.
 */
public record CheckedScore(RiskScore score, String verifiedGoodBot) {}
