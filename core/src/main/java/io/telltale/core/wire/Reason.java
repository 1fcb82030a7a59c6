package io.telltale.core.wire;

/**
 * One reason behind a score.
 *
 * @param code         stable machine code, e.g. {@code MOUSE_PATH_STRAIGHT}
 * @param text         what an analyst reads, with the values behind it
 * @param contribution this reason's share of the risk, in the model's units (larger = more)
 */
public record Reason(String code, String text, double contribution) {}
