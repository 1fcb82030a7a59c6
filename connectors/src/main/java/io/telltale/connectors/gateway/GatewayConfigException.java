package io.telltale.connectors.gateway;

import java.util.List;

/** A sites file that cannot be used; the message lists every problem, each with its path. */
public final class GatewayConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    GatewayConfigException(String source, List<String> problems) {
        super("sites file " + source + " is invalid:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem as {@code path: what is wrong}. */
    public List<String> problems() {
        return problems;
    }
}
