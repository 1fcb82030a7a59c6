package io.telltale.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One cluster process (a JobManager, a TaskManager, a Kafka broker): a JVM started from a class
 * path and a main class, its output in a log file. Every started process is also stopped by a JVM
 * shutdown hook, so a test that dies half-way leaves no orphans behind.
 */
final class JvmProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final Thread reaper;

    private JvmProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.reaper = new Thread(process::destroyForcibly, "reap-" + name);
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /**
     * Starts {@code java jvmArgs -cp classPath mainClass args}, stdout and stderr appended to
     * {@code log}.
     */
    static JvmProcess start(
            String name, String classPath, List<String> jvmArgs, String mainClass, List<String> args, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(args);
        Files.createDirectories(log.getParent());
        Files.writeString(log.resolveSibling(log.getFileName() + ".cmd"), String.join(" ", command) + "\n");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // The child must not inherit the test JVM's surefire-specific settings.
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        return new JvmProcess(name, builder.start(), log);
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** {@code kill -9}: no shutdown hooks, no goodbye to the cluster. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        forget();
    }

    /** {@code kill} (SIGTERM): the process shuts down cleanly; killed if it takes longer than {@code grace}. */
    void stop(Duration grace) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        forget();
    }

    /** Waits for the process to end by itself and returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
            forget();
            throw new IllegalStateException(name + " did not finish within " + timeout + "; see " + log);
        }
        forget();
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop(Duration.ofSeconds(10));
        } else {
            forget();
        }
    }

    private void forget() {
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or ran; nothing to forget.
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", log " + log + ")";
    }
}
