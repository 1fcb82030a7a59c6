package io.telltale.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./telltale} command. */
@Command(
        name = "telltale",
        mixinStandardHelpOptions = true,
        version = "telltale 0.1.0",
        description = "Behavioural bot detection on Apache Flink.",
        subcommands = {
            DemoCommand.class,
            GatewayCommand.class,
            ScoreCommand.class,
            SimulateCommand.class,
            TrafficCommand.class,
            BacktestCommand.class,
            DatasetsCommand.class,
            EvalCommand.class,
            ProfilesEvalCommand.class,
            PatternsCommand.class,
            TrainCommand.class
        })
public final class TelltaleCli {

    public static void main(String[] args) {
        int exitCode = new CommandLine(new TelltaleCli()).execute(args);
        System.exit(exitCode);
    }
}
