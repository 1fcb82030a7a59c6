package io.telltale.connectors.policy;

import java.util.List;

/** A policy file that cannot be used; the message lists every problem with its file and path. */
public final class PolicyFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    PolicyFileException(String source, List<String> problems) {
        super("policy file " + source + " is invalid:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem as {@code path: what is wrong}. */
    public List<String> problems() {
        return problems;
    }
}
