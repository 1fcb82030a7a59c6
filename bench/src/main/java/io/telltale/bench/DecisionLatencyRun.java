package io.telltale.bench;

import io.telltale.connectors.serde.InvalidRecordException;
import io.telltale.connectors.serde.RiskScoreSerde;
import io.telltale.core.wire.Action;
import io.telltale.core.wire.RiskScore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Time to decision under live load. Sessions start at a steady rate and send their batches in real
 * time (each template's own send times, event times patched to now), so the job sees {@code rate}
 * batches per second. For every session whose template crosses a threshold, the harness knows the
 * batch that first pushes it over ({@link SessionTemplate#thresholdBatch()}, found by scoring
 * every prefix with the job's own scorer); the latency is the broker's append time of the first
 * score of that session with a challenge or block, minus the append time of that batch. Topics use
 * log-append time, so both ends are read off the broker's clock. Checkpoints run every 10 s
 * throughout; crossings in the warm-up are not counted.
 */
final class DecisionLatencyRun {

    /**
     * @param latencyMs          every decided crossing
     * @param onCrossingBatchMs  the crossings whose deciding score was fired by the crossing batch itself
     *                           (the score counts exactly the batches up to it): the pipeline's own
     *                           latency; the others waited for a later firing (the scoring interval)
     */
    record Result(double targetBatchesPerSecond, double sentBatchesPerSecond, long sessionsStarted,
            long crossings, long decided, long decidedBeforeCrossing, Percentiles latencyMs,
            Percentiles onCrossingBatchMs, Duration measured, String loadBefore, String loadAfter) {}

    private DecisionLatencyRun() {}

    static Result measure(Workload workload, BenchKafka kafka, double batchesPerSecond, Duration warmUp,
            Duration measure, Duration drain, int parallelism, Path checkpoints, Configuration settings)
            throws Exception {
        TelltaleUnderTest.Names names = TelltaleUnderTest.Names.of("latency");
        kafka.createTopics(parallelism, names.all());
        StreamExecutionEnvironment env = BenchFlink.environment(parallelism, checkpoints, 0);
        TelltaleUnderTest.build(env, kafka.unboundedSource(names.telemetry(), "bench-latency"), kafka.bootstrap(),
                names, "latency", settings);
        JobClient job = env.executeAsync("telltale-latency");

        // Session id to {append time, index} of its threshold batch, and to {append time, batches} of its decision.
        Map<String, long[]> crossedAt = new ConcurrentHashMap<>();
        Map<String, long[]> decidedAt = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread reader = new Thread(() -> readDecisions(kafka, names.scores(), running, decidedAt),
                "bench-decisions");
        reader.start();

        String loadBefore = MachineGauges.loadAverage();
        long started = System.currentTimeMillis();
        long countFrom = started + warmUp.toMillis();
        long stopAt = countFrom + measure.toMillis();
        AtomicLong sent = new AtomicLong();
        long sessions = replay(workload, kafka, names.telemetry(), batchesPerSecond, stopAt, countFrom, crossedAt, sent);
        long sentDuring = sent.get();
        // Let the last crossings be decided.
        Thread.sleep(drain.toMillis());
        running.set(false);
        reader.join();
        job.cancel().get(60, TimeUnit.SECONDS);

        List<Long> latencies = new ArrayList<>();
        List<Long> onCrossingBatch = new ArrayList<>();
        long early = 0;
        for (Map.Entry<String, long[]> crossing : crossedAt.entrySet()) {
            long[] decided = decidedAt.get(crossing.getKey());
            if (decided == null) {
                continue;
            }
            long latency = decided[0] - crossing.getValue()[0];
            if (latency < 0 || decided[1] < crossing.getValue()[1] + 1) {
                early++;
                continue;
            }
            latencies.add(latency);
            if (decided[1] == crossing.getValue()[1] + 1) {
                onCrossingBatch.add(latency);
            }
        }
        return new Result(batchesPerSecond, sentDuring * 1000.0 / (stopAt - started), sessions, crossedAt.size(),
                latencies.size(), early, Percentiles.of(latencies), Percentiles.of(onCrossingBatch), measure,
                loadBefore, MachineGauges.loadAverage());
    }

    /**
     * Starts sessions at {@code batchesPerSession / mean batches per session} per second and sends each
     * batch at its session's start plus its send offset, until {@code stopAt}. Load is steady from the
     * first second: sessions "already running" when the replay starts (started up to one template
     * length before) send only their remaining batches, and are never counted. Records the append time
     * of each threshold batch of a session started by the replay and sent after {@code countFrom}.
     */
    private static long replay(Workload workload, BenchKafka kafka, String topic, double batchesPerSecond,
            long stopAt, long countFrom, Map<String, long[]> crossedAt, AtomicLong sent) throws InterruptedException {
        double meanBatches = workload.templates.stream().mapToInt(SessionTemplate::batchCount).average().orElse(1);
        double sessionsPerMs = batchesPerSecond / meanBatches / 1000.0;
        long epoch = System.currentTimeMillis();
        // Pending sends: {send time, session, batch index, session start, counted (1) or not (0)}.
        PriorityQueue<long[]> due = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        long session = 0;
        long lead = Workload.TEMPLATE_LENGTH.toMillis();
        for (; session < lead * sessionsPerMs; session++) {
            long start = epoch - lead + (long) (session / sessionsPerMs);
            SessionTemplate template = workload.templateOf(session);
            int first = 0;
            while (first < template.batchCount() && start + template.batch(first).sentAfterMs() < epoch) {
                first++;
            }
            if (first < template.batchCount()) {
                due.add(new long[] {start + template.batch(first).sentAfterMs(), session, first, start, 0});
            }
        }
        long firstCounted = session;
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            while (true) {
                long now = System.currentTimeMillis();
                if (now >= stopAt) {
                    break;
                }
                while (session - firstCounted < (now - epoch) * sessionsPerMs) {
                    SessionTemplate template = workload.templateOf(session);
                    due.add(new long[] {now + template.batch(0).sentAfterMs(), session, 0, now, 1});
                    session++;
                }
                while (!due.isEmpty() && due.peek()[0] <= now) {
                    long[] next = due.poll();
                    SessionTemplate template = workload.templateOf(next[1]);
                    int index = (int) next[2];
                    byte[] id = SessionTemplate.sessionIdBytes(next[1]);
                    byte[] value = template.render(index, id, next[3]);
                    boolean crossing = next[4] == 1 && index == template.thresholdBatch() && now >= countFrom;
                    String sessionId = crossing ? new String(id, StandardCharsets.US_ASCII) : null;
                    producer.send(new ProducerRecord<>(topic, id, value), (metadata, error) -> {
                        if (error == null && sessionId != null) {
                            crossedAt.put(sessionId, new long[] {metadata.timestamp(), index});
                        }
                    });
                    sent.incrementAndGet();
                    if (index + 1 < template.batchCount()) {
                        next[0] = next[3] + template.batch(index + 1).sentAfterMs();
                        next[2] = index + 1;
                        due.add(next);
                    }
                }
                Thread.sleep(1);
            }
        }
        return session;
    }

    /** The append time of each session's first score that challenges or blocks it. */
    private static void readDecisions(BenchKafka kafka, String topic, AtomicBoolean running,
            Map<String, long[]> decidedAt) {
        Properties props = new Properties();
        props.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        props.setProperty(ConsumerConfig.GROUP_ID_CONFIG, "bench-decisions");
        props.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        RiskScoreSerde serde = new RiskScoreSerde();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    RiskScore score;
                    try {
                        score = serde.deserialize(record.value());
                    } catch (InvalidRecordException e) {
                        throw new IllegalStateException("the job wrote a score its own serde rejects", e);
                    }
                    if (score.action() != Action.MONITOR && !decidedAt.containsKey(score.sessionId())) {
                        decidedAt.put(score.sessionId(), new long[] {record.timestamp(), score.counts().batches()});
                    }
                }
            }
        }
    }
}
