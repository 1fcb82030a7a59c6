package io.telltale.core.alert;

import java.io.Serializable;

/**
 * One piece of evidence behind a finding: a scorer reason, or an event a pattern matched.
 *
 * @param code   stable machine code, e.g. {@code MOUSE_PATH_STRAIGHT}
 * @param text   what an analyst reads
 * @param weight share of the finding, in the analytic's units; 0 when it has none
 */
public record Evidence(String code, String text, double weight) implements Serializable {}
