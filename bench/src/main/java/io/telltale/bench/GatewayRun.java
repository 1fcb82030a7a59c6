package io.telltale.bench;

import io.telltale.connectors.gateway.Gateway;
import io.telltale.connectors.gateway.GatewayConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The ingest gateway alone under {@code wrk} on loopback: every request is a browser's first batch
 * (seq 0, so the gateway also issues a session token), validated, stamped and produced to the
 * broker with {@code acks=all}, as in production. The gateway runs in this process, next to the
 * broker; wrk runs beside them on the same cores.
 */
final class GatewayRun {

    static final String SITE_KEY = "site_bench";

    /**
     * @param cpuCores     cores the whole process kept busy: gateway and broker
     * @param gatewayCores cores the gateway kept busy: its own threads (Undertow's I/O and worker
     *                     threads, its Kafka producer and decision consumer) and all of the JVM's
     *                     own work (GC, JIT), of which some is the broker's
     */
    record Result(int connections, Duration duration, double requestsPerSecond, String p50, String p99,
            long non2xx, double cpuCores, double gatewayCores, String loadBefore, String loadAfter) {
        /** Requests per second per core the gateway kept busy. */
        double requestsPerGatewayCore() {
            return requestsPerSecond / gatewayCores;
        }
    }

    private GatewayRun() {}

    static boolean wrkInstalled() {
        try {
            return new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor() >= 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Result measure(Workload workload, BenchKafka kafka, int connections, Duration duration, Path work)
            throws Exception {
        String telemetry = "bench.gateway.telemetry";
        GatewayConfig.TopicNames topics =
                new GatewayConfig.TopicNames(telemetry, "bench.gateway.commerce", "bench.gateway.scores");
        kafka.createTopics(1, topics.telemetry(), topics.commerce(), topics.riskScores());
        GatewayConfig config = new GatewayConfig(
                Map.of(SITE_KEY, new GatewayConfig.Site(SITE_KEY, Set.of("*"))), List.of(), List.of(),
                new GatewayConfig.SecretBytes(new byte[32]), GatewayConfig.DEFAULT_TOKEN_TTL,
                GatewayConfig.DEFAULT_MAX_BODY_BYTES, GatewayConfig.DEFAULT_PRODUCER_BUFFER_BYTES,
                GatewayConfig.DEFAULT_PRODUCER_MAX_BLOCK, GatewayConfig.DEFAULT_DECISION_CAPACITY, topics);
        byte[] body = workload.templateOf(0).renderAsSentByBrowser(0, SessionTemplate.sessionIdBytes(1),
                System.currentTimeMillis());
        Path script = work.resolve("gateway.lua");
        Files.writeString(script, "wrk.method = \"POST\"\n"
                + "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
                + "wrk.headers[\"X-Telltale-Site-Key\"] = \"" + SITE_KEY + "\"\n"
                + "wrk.body = [==[" + new String(body, StandardCharsets.UTF_8) + "]==]\n");
        // The broker runs in this process too: its threads (and the harness's) are those alive now.
        Set<Long> notGateway = ThreadCpu.liveThreadIds();
        try (Gateway gateway = Gateway.start(config, kafka.bootstrap(), "127.0.0.1", 0, new Properties(),
                Clock.systemUTC())) {
            String url = "http://127.0.0.1:" + gateway.port() + "/v1/telemetry";
            wrk(script, url, connections, Duration.ofSeconds(5)); // warm-up: JIT, producer batches
            String loadBefore = MachineGauges.loadAverage();
            ThreadCpu before = ThreadCpu.sample();
            long wallBefore = System.nanoTime();
            String out = wrk(script, url, connections, duration);
            ThreadCpu after = ThreadCpu.sample();
            double wall = System.nanoTime() - wallBefore;
            double cores = (after.processNanos() - before.processNanos()) / wall;
            double gatewayCores = after.nanosSince(before, notGateway) / wall;
            double refused = number(out, "Non-2xx or 3xx responses:\\s+([0-9]+)", 0);
            if (refused > 0) {
                // wrk counts refusals without saying why; the gateway's own counter names the reason.
                System.err.println("bench: the gateway refused " + (long) refused + " requests:\n" + refusals(gateway));
            }
            if (refused > number(out, "([0-9]+) requests in", 0) / 2) {
                throw new IllegalStateException("the gateway refused most requests:\n" + out);
            }
            return new Result(connections, duration, number(out, "Requests/sec:\\s+([0-9.]+)"),
                    text(out, "\\s50%\\s+(\\S+)"), text(out, "\\s99%\\s+(\\S+)"),
                    (long) number(out, "Non-2xx or 3xx responses:\\s+([0-9]+)", 0), cores, gatewayCores, loadBefore,
                    MachineGauges.loadAverage());
        }
    }

    /** The gateway's {@code telltale_gateway_refused_total} lines, by endpoint and reason. */
    private static String refusals(Gateway gateway) throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        return metrics.body().lines().filter(line -> line.startsWith("telltale_gateway_refused_total"))
                .collect(Collectors.joining("\n"));
    }

    private static String wrk(Path script, String url, int connections, Duration duration) throws Exception {
        Process wrk = new ProcessBuilder("wrk", "-t1", "-c" + connections, "-d" + duration.toSeconds() + "s",
                "--latency", "-s", script.toString(), url).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!wrk.waitFor(duration.toSeconds() + 30, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
            throw new IllegalStateException("wrk failed:\n" + out);
        }
        return out;
    }

    private static double number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no " + regex + " in wrk's output:\n" + out);
        }
        return Double.parseDouble(m.group(1));
    }

    private static double number(String out, String regex, double otherwise) {
        Matcher m = Pattern.compile(regex).matcher(out);
        return m.find() ? Double.parseDouble(m.group(1)) : otherwise;
    }

    private static String text(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no " + regex + " in wrk's output:\n" + out);
        }
        return m.group(1);
    }
}
