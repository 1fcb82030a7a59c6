package io.telltale.cep.session;

/**
 * A product put in the cart and not bought: still there when the session ended, or released
 * (removed) before it did. Holding stock nobody pays for is how inventory is denied (OAT-021).
 *
 * @param heldAt     epoch ms of the first add
 * @param releasedAt epoch ms of the removal that emptied it, or the session's end if never removed
 * @param released   whether it was removed rather than abandoned at session end
 */
public record CartHold(String sku, String category, int quantity, long heldAt, long releasedAt, boolean released) {

    public long heldMillis() {
        return releasedAt - heldAt;
    }
}
