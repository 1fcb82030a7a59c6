package io.telltale.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.telltale.connectors.serde.CommerceEventSerde;
import io.telltale.connectors.serde.InvalidRecordException;
import io.telltale.connectors.serde.RiskScoreSerde;
import io.telltale.core.wire.Action;
import io.telltale.core.wire.CommerceEvent;
import io.telltale.core.wire.RiskScore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
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
     * @param overlappingCheckpointMs the decisions whose time from crossing to decision overlapped a
     *                           checkpoint (from its trigger to its completion)
     * @param clearOfCheckpointsMs the others
     * @param checkpointMs       end-to-end durations of the checkpoints taken during the run
     * @param checkpointParts    where the completed checkpoints' time went in the slowest task of each
     */
    record Result(double targetBatchesPerSecond, double sentBatchesPerSecond, long sessionsStarted,
            long crossings, long decided, long decidedBeforeCrossing, Percentiles latencyMs,
            Percentiles onCrossingBatchMs, Percentiles overlappingCheckpointMs, Percentiles clearOfCheckpointsMs,
            Percentiles checkpointMs, CheckpointParts checkpointParts, Duration measured, String loadBefore,
            String loadAfter, Patterns patterns) {}

    /**
     * Per completed checkpoint, the largest over the job's tasks (Flink's per-subtask checkpoint
     * statistics): the synchronous part, during which the task processes nothing (RocksDB flushes
     * its memtables and takes its snapshot), the asynchronous part (files uploaded while it runs
     * on), the barrier alignment, and the barrier's delay from the trigger to the task; and how
     * often each task was the one with the longest synchronous part.
     */
    record CheckpointParts(Percentiles syncMs, Percentiles asyncMs, Percentiles alignmentMs, Percentiles startDelayMs,
            Map<String, Long> slowestSyncTask) {}

    /**
     * The cross-session pattern job's part of the run, when it ran beside the scoring job.
     *
     * @param commerceEvents commerce events sent with the sessions' batches
     * @param findings       findings written by the end of the run, by pattern id
     * @param stateBackend   the pattern job's state backend
     */
    record Patterns(long commerceEvents, Map<String, Long> findings, String stateBackend) {}

    /** A checkpoint's span in wall-clock time, from its trigger to its completion or failure. */
    record Span(long from, long to) {
        boolean overlaps(long start, long end) {
            return from <= end && start <= to;
        }
    }

    private DecisionLatencyRun() {}

    static Result measure(Workload workload, BenchKafka kafka, double batchesPerSecond, Duration warmUp,
            Duration measure, Duration drain, int parallelism, Path checkpoints, Configuration settings,
            boolean withPatterns, String patternStateBackend) throws Exception {
        TelltaleUnderTest.Names names = TelltaleUnderTest.Names.of("latency");
        kafka.createTopics(parallelism, names.all());
        PatternsUnderTest.Names patterns = withPatterns ? PatternsUnderTest.Names.of("latency") : null;
        if (patterns != null) {
            kafka.createTopics(parallelism, patterns.all());
        }
        int restPort = BenchFlink.freePort();
        TelltaleUnderTest.Jobs jobs = TelltaleUnderTest.start(kafka, names, patterns, "latency", parallelism,
                checkpoints, restPort, settings, DeliveryGuarantee.AT_LEAST_ONCE, patternStateBackend);

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
        AtomicLong commerceSent = new AtomicLong();
        long sessions = replay(workload, kafka, names.telemetry(), patterns == null ? null : patterns.commerce(),
                batchesPerSecond, stopAt, countFrom, crossedAt, sent, commerceSent);
        long sentDuring = sent.get();
        // Let the last crossings be decided.
        Thread.sleep(drain.toMillis());
        running.set(false);
        reader.join();
        String jobId = jobs.scoring().getJobID().toHexString();
        JsonNode history = BenchFlink.checkpoints(restPort, jobId).path("history");
        List<Span> checkpointSpans = checkpointSpans(history);
        CheckpointParts parts = checkpointParts(restPort, jobId, history);
        jobs.cancel();
        Patterns patternPart = patterns == null ? null
                : new Patterns(commerceSent.get(), PatternsUnderTest.findingsByPattern(kafka, patterns.findings()),
                        patternStateBackend);

        List<Long> latencies = new ArrayList<>();
        List<Long> onCrossingBatch = new ArrayList<>();
        List<Long> overlapping = new ArrayList<>();
        List<Long> clear = new ArrayList<>();
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
            long from = crossing.getValue()[0];
            boolean duringCheckpoint = checkpointSpans.stream().anyMatch(c -> c.overlaps(from, decided[0]));
            (duringCheckpoint ? overlapping : clear).add(latency);
        }
        List<Long> checkpointDurations = checkpointSpans.stream().map(c -> c.to() - c.from()).toList();
        return new Result(batchesPerSecond, sentDuring * 1000.0 / (stopAt - started), sessions, crossedAt.size(),
                latencies.size(), early, Percentiles.of(latencies), Percentiles.of(onCrossingBatch),
                Percentiles.of(overlapping), Percentiles.of(clear), Percentiles.of(checkpointDurations), parts,
                measure, loadBefore, MachineGauges.loadAverage(), patternPart);
    }

    /** Every checkpoint in Flink's history of the job: completed, failed or still running (until now). */
    private static List<Span> checkpointSpans(JsonNode history) {
        List<Span> spans = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (JsonNode checkpoint : history) {
            long triggered = checkpoint.path("trigger_timestamp").asLong();
            boolean running = "IN_PROGRESS".equals(checkpoint.path("status").asText());
            spans.add(new Span(triggered, running ? now : triggered + checkpoint.path("end_to_end_duration").asLong()));
        }
        return spans;
    }

    /** {@link CheckpointParts} of every completed checkpoint in Flink's {@code history} of the job. */
    private static CheckpointParts checkpointParts(int restPort, String jobId, JsonNode history) throws Exception {
        List<Long> sync = new ArrayList<>();
        List<Long> async = new ArrayList<>();
        List<Long> alignment = new ArrayList<>();
        List<Long> startDelay = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        for (JsonNode vertex : BenchFlink.get(restPort, "/jobs/" + jobId).path("vertices")) {
            names.put(vertex.path("id").asText(), vertex.path("name").asText());
        }
        Map<String, Long> slowest = new TreeMap<>();
        for (JsonNode checkpoint : history) {
            if (!"COMPLETED".equals(checkpoint.path("status").asText())) {
                continue;
            }
            String details = "/jobs/" + jobId + "/checkpoints/details/" + checkpoint.path("id").asLong();
            long[] most = new long[4];
            String slowestTask = "";
            var tasks = BenchFlink.get(restPort, details).path("tasks").fieldNames();
            while (tasks.hasNext()) {
                String task = tasks.next();
                JsonNode summary = BenchFlink.get(restPort, details + "/subtasks/" + task).path("summary");
                long taskSync = summary.path("checkpoint_duration").path("sync").path("max").asLong();
                if (taskSync >= most[0]) {
                    slowestTask = names.getOrDefault(task, task);
                }
                most[0] = Math.max(most[0], taskSync);
                most[1] = Math.max(most[1], summary.path("checkpoint_duration").path("async").path("max").asLong());
                most[2] = Math.max(most[2], summary.path("alignment").path("duration").path("max").asLong());
                most[3] = Math.max(most[3], summary.path("start_delay").path("max").asLong());
            }
            slowest.merge(slowestTask, 1L, Long::sum);
            sync.add(most[0]);
            async.add(most[1]);
            alignment.add(most[2]);
            startDelay.add(most[3]);
        }
        return new CheckpointParts(Percentiles.of(sync), Percentiles.of(async), Percentiles.of(alignment),
                Percentiles.of(startDelay), slowest);
    }

    /**
     * Records the append time of each threshold batch of a counted session sent after {@code countFrom};
     * sends each batch's commerce events to {@code commerceTopic} right after it, unless that is null.
     */
    private static long replay(Workload workload, BenchKafka kafka, String topic, String commerceTopic,
            double batchesPerSecond, long stopAt, long countFrom, Map<String, long[]> crossedAt, AtomicLong sent,
            AtomicLong commerceSent) throws InterruptedException {
        CommerceTraffic commerce = new CommerceTraffic(workload.parameters.seed());
        CommerceEventSerde commerceSerde = new CommerceEventSerde();
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            return LiveReplay.run(workload, batchesPerSecond, stopAt, (session, template, index, start, counted) -> {
                byte[] id = SessionTemplate.sessionIdBytes(session);
                boolean crossing = counted && index == template.thresholdBatch()
                        && System.currentTimeMillis() >= countFrom;
                String sessionId = crossing ? new String(id, StandardCharsets.US_ASCII) : null;
                producer.send(new ProducerRecord<>(topic, id, template.render(index, id, start)), (metadata, error) -> {
                    if (error == null && sessionId != null) {
                        crossedAt.put(sessionId, new long[] {metadata.timestamp(), index});
                    }
                });
                sent.incrementAndGet();
                if (commerceTopic != null) {
                    for (CommerceEvent event : commerce.at(session, template, index, template.batchCount(), start)) {
                        producer.send(new ProducerRecord<>(commerceTopic, id, commerceSerde.serialize(event)));
                        commerceSent.incrementAndGet();
                    }
                }
            });
        }
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
