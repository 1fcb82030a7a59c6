package io.telltale.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Class paths of the cluster processes, written by the maven-dependency-plugin at build time
 * ({@code target/flink.classpath}, {@code target/kafka.classpath}): what a Flink distribution's
 * {@code lib/} and a Kafka distribution's {@code libs/} hold, resolved from Maven Central, and
 * never a Telltale class — the job reaches the cluster only as the uploaded jar.
 */
final class ClusterClasspath {

    private ClusterClasspath() {}

    /** Flink runtime, REST/web submission, RocksDB, Prometheus reporter, Log4j. */
    static String flink() {
        return read("telltale.flink.classpath");
    }

    /** Kafka broker (kafka_2.13, server, raft, storage, clients), Log4j. */
    static String kafka() {
        return read("telltale.kafka.classpath");
    }

    private static String read(String property) {
        String file = Objects.requireNonNull(System.getProperty(property),
                "system property " + property + " (set by deploy-tests/pom.xml)");
        try {
            String classPath = Files.readString(Path.of(file)).trim();
            for (String entry : classPath.split(java.io.File.pathSeparator)) {
                Path path = Path.of(entry);
                if (path.getFileName().toString().startsWith("telltale-") || entry.contains("/io/telltale/")
                        || Files.isDirectory(path)) {
                    throw new IllegalStateException("Telltale classes on a cluster class path: " + entry);
                }
            }
            return classPath;
        } catch (IOException e) {
            throw new UncheckedIOException("class path file " + file, e);
        }
    }

    /** A Log4j 2 configuration writing everything at INFO to {@code -Dlog.file}, as Flink's own does. */
    static Path writeLog4jConfig(Path dir) throws IOException {
        Path file = dir.resolve("log4j2.properties");
        Files.createDirectories(dir);
        Files.writeString(file, String.join("\n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.file.ref = file",
                "appender.file.name = file",
                "appender.file.type = File",
                "appender.file.fileName = ${sys:log.file}",
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = %d{HH:mm:ss.SSS} %-5level %-40c{1.} - %msg%n",
                // Kafka clients inside the job log every metric-name collision; say it once.
                "logger.kafkametrics.name = org.apache.flink.runtime.metrics.groups",
                "logger.kafkametrics.level = ERROR",
                ""));
        return file;
    }
}
