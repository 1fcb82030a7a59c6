package io.telltale.cli;

import io.telltale.evaluation.ProfileEvaluation;
import io.telltale.evaluation.ProfileReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Evaluates per-user behaviour profiles (continuous authentication) on Balabit and writes
 * {@code profile-evaluation.md} and {@code profile-evaluation.json}.
 */
@Command(
        name = "eval-profiles",
        mixinStandardHelpOptions = true,
        description = "Evaluate per-user behaviour profiles on Balabit (owner vs someone else on the account, "
                + "at 10, 50 and 200 mouse actions); writes profile-evaluation.md and profile-evaluation.json.")
final class ProfilesEvalCommand implements Callable<Integer> {

    @Option(names = "--datasets", required = true,
            description = "Folder with balabit-mouse/ (not shipped; e.g. ../shared/datasets).")
    Path datasets;

    @Option(names = "--output", defaultValue = "docs", description = "Where to write the report (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--check-against",
            description = "A committed profile-evaluation.json: exit 1 if an AUC fell or an equal error rate rose.")
    Path baseline;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(datasets.resolve("balabit-mouse"))) {
            System.err.println("telltale eval-profiles: no balabit-mouse/ under " + datasets);
            return 2;
        }
        long started = System.nanoTime();
        ProfileEvaluation.Result result =
                new ProfileEvaluation(datasets, m -> System.out.println("telltale eval-profiles: " + m)).run();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        String command = "./telltale eval-profiles --datasets " + datasets + " --output " + output;
        ProfileReport.write(result, output, command, elapsed);
        System.out.printf("telltale eval-profiles: %d s -> %s%n", elapsed.toSeconds(), output.resolve(ProfileReport.MARKDOWN));
        if (baseline != null) {
            List<String> regressions = ProfileReport.regressions(
                    ProfileReport.read(baseline), ProfileReport.read(output.resolve(ProfileReport.JSON)));
            if (!regressions.isEmpty()) {
                System.err.println("telltale eval-profiles: worse than " + baseline + ":");
                regressions.forEach(r -> System.err.println("  " + r));
                return 1;
            }
            System.out.println("telltale eval-profiles: no figure worse than " + baseline);
        }
        return 0;
    }
}
