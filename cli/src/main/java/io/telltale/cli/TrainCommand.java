package io.telltale.cli;

/** The trained behaviour model's version, as the evaluation names it. */
final class TrainCommand {
    static final String VERSION = "behaviour-v2";

    private TrainCommand() {}
}
