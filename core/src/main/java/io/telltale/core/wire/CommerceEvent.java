package io.telltale.core.wire;

/**
 * A business event from the shop backend, on its own topic keyed by {@link #sessionId()}.
 *
 * @param time     epoch ms (server clock); the event time
 * @param sku      the product, for cart and checkout events; null otherwise
 * @param category the product category, when known
 * @param quantity items added, removed or bought; 0 where it does not apply
 */
public record CommerceEvent(
        int schemaVersion,
        CommerceEventType type,
        String sessionId,
        String userId,
        String clientIp,
        String sku,
        String category,
        int quantity,
        long time) {}
