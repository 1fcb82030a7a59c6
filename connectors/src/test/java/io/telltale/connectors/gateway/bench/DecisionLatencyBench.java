package io.telltale.connectors.gateway.bench;

import io.telltale.connectors.gateway.ApiKeys;
import io.telltale.connectors.gateway.Gateway;
import io.telltale.connectors.gateway.GatewayConfig;
import io.telltale.connectors.kafka.EmbeddedKafka;
import io.telltale.connectors.serde.RiskScoreSerde;
import io.telltale.core.wire.Action;
import io.telltale.core.wire.EventCounts;
import io.telltale.core.wire.Reason;
import io.telltale.core.wire.RiskScore;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Decision API latency on loopback, measured from the client: an in-process broker, a gateway
 * whose view holds {@code SESSIONS} scored sessions, and {@code THREADS} client threads, each on
 * one HTTP/1.1 keep-alive connection (a plain blocking socket, like {@code wrk}, so the figure is
 * the server's and the loopback's, not a client library's), sending {@code REQUESTS} GETs for
 * random sessions one after the other, a tenth of them unknown, after a warm-up. Prints p50/p99/p99.9/max. A benchmark, not a test:
 * numbers and command in docs/benchmarks.md. Bounded: it stops after its requests.
 *
 * <p>Arguments (all optional): threads, requests per thread, sessions.
 */
public final class DecisionLatencyBench {

    static final String API_KEY = "bench-key";

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        int sessions = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int warmup = 20_000;

        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            GatewayConfig.TopicNames topics = GatewayConfig.TopicNames.DEFAULTS;
            kafka.createTopics(1, topics.telemetry(), topics.commerce(), topics.riskScores());
            produceScores(kafka.bootstrapServers(), topics.riskScores(), sessions);
            GatewayConfig config = new GatewayConfig(
                    Map.of("site_bench", new GatewayConfig.Site("site_bench", Set.of("*"))),
                    List.of(new ApiKeys.Entry("bench", ApiKeys.sha256(API_KEY))), List.of(),
                    new GatewayConfig.SecretBytes(new byte[32]), Duration.ofHours(24), 1 << 20, 1 << 20,
                    Duration.ofMillis(100), sessions * 2, topics);
            try (Gateway gateway = Gateway.start(config, kafka.bootstrapServers(), "127.0.0.1", 0, new Properties(),
                    Clock.systemUTC())) {
                long readyBy = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!gateway.ready() && System.nanoTime() < readyBy) {
                    Thread.sleep(100);
                }
                run("127.0.0.1", gateway.port(), threads, warmup / threads, sessions); // warm-up: JIT
                long start = System.nanoTime();
                long[] latencies = run("127.0.0.1", gateway.port(), threads, requests, sessions);
                double seconds = (System.nanoTime() - start) / 1e9;
                Arrays.sort(latencies);
                System.out.printf("decision API, %d threads x %d requests, %d sessions in view: %.0f req/s%n",
                        threads, requests, sessions, latencies.length / seconds);
                System.out.printf("p50 %.3f ms  p99 %.3f ms  p99.9 %.3f ms  max %.3f ms%n",
                        pct(latencies, 0.50), pct(latencies, 0.99), pct(latencies, 0.999),
                        latencies[latencies.length - 1] / 1e6);
            }
        }
    }

    static double pct(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    static long[] run(String host, int port, int threads, int perThread, int sessions) throws InterruptedException {
        long[] all = new long[threads * perThread];
        Thread[] workers = new Thread[threads];
        for (int w = 0; w < threads; w++) {
            int offset = w * perThread;
            workers[w] = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                try (Socket socket = new Socket(host, port)) {
                    socket.setTcpNoDelay(true);
                    OutputStream out = socket.getOutputStream();
                    BufferedInputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
                    for (int i = 0; i < perThread; i++) {
                        // One in ten asks for a session the view has not seen.
                        int n = random.nextInt(sessions + sessions / 10);
                        byte[] request = ("GET /v1/sessions/bench-" + n + "/decision HTTP/1.1\r\nHost: " + host
                                + "\r\nAuthorization: Bearer " + API_KEY + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                        long t0 = System.nanoTime();
                        out.write(request);
                        out.flush();
                        readResponse(in);
                        all[offset + i] = System.nanoTime() - t0;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            workers[w].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return all;
    }

    /** Reads one HTTP/1.1 response with a Content-Length body; fails on anything but 200. */
    static void readResponse(BufferedInputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int contentLength = -1;
        boolean first = true;
        while (true) {
            line.setLength(0);
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            if (first) {
                if (!line.toString().startsWith("HTTP/1.1 200")) {
                    throw new IOException("unexpected answer: " + line);
                }
                first = false;
            } else if (line.length() == 0) {
                break;
            } else if (line.toString().regionMatches(true, 0, "Content-Length:", 0, 15)) {
                contentLength = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.skipNBytes(contentLength);
    }

    static void produceScores(String bootstrap, String topic, int sessions) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("linger.ms", "20");
        RiskScoreSerde serde = new RiskScoreSerde();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < sessions; i++) {
                String id = "bench-" + i;
                RiskScore score = new RiskScore(1, id, null, 0.9, Action.BLOCK, RiskScore.EVIDENCE_SUFFICIENT,
                        List.of(new Reason("MOUSE_PATH_STRAIGHT", "mouse path 99% straight over 41 strokes", 0.42),
                                new Reason("KEY_RHYTHM_UNIFORM", "key intervals 4% spread over 120 keys", 0.31)),
                        Map.of(), "bench", 1, 2, EventCounts.NONE, false, System.currentTimeMillis());
                producer.send(new ProducerRecord<>(topic, id.getBytes(StandardCharsets.UTF_8), serde.serialize(score)));
            }
        }
    }
}
