package io.telltale.connectors.gateway;

import io.telltale.connectors.serde.InvalidRecordException;
import io.telltale.connectors.serde.RiskScoreSerde;
import io.telltale.core.wire.Reason;
import io.telltale.core.wire.RiskScore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each session's latest verdict, materialised in memory from the risk-score topic, so the
 * decision API answers without touching Kafka.
 *
 * <p>One thread reads every partition of the topic from the beginning (no consumer group: every
 * gateway keeps the whole view) and stores the answer already rendered as JSON bytes.
 *
 * <p>It reads {@code read_uncommitted} unless the Kafka settings say otherwise: the job writes
 * scores in transactions committed on each checkpoint, and waiting for the commit would add up to
 * a checkpoint interval (10 s) to every decision. A verdict is the session's latest score, so a
 * score from a transaction that is later aborted (the job failed before its checkpoint) is one the
 * job computed from the session's telemetry and computes again after its restart, later in the
 * log; the view then holds the recomputed one. Readers that count records (alerts, analytics) must
 * read committed. Memory is bounded: at most {@code capacity} sessions; beyond it the session
 * first seen longest ago is dropped (its next score brings it back). A decision is about 0.5-1
 * KiB with a few reasons.
 *
 * <p>Ready once it has read up to the end offsets the topic had when it started; until then an
 * unknown session might only be not read yet, and readiness says so.
 */
public final class DecisionView implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DecisionView.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration TOPIC_WAIT = Duration.ofSeconds(1);

    private final Map<String, byte[]> decisions = new ConcurrentHashMap<>();
    /** Session ids in first-seen order; touched by the reader thread only. */
    private final ArrayDeque<String> arrival = new ArrayDeque<>();
    private final int capacity;
    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final RiskScoreSerde serde = new RiskScoreSerde();
    private final Consumer<String> onInvalid;
    private final Thread reader;
    private volatile boolean ready;
    private volatile boolean running = true;

    /**
     * @param onInvalid called with the reason code of every risk-score record that cannot be read
     */
    public DecisionView(String bootstrapServers, String topic, int capacity, Properties extra,
            Consumer<String> onInvalid) {
        this.topic = topic;
        this.capacity = capacity;
        this.onInvalid = onInvalid;
        Properties props = new Properties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        if (extra != null) {
            props.putAll(extra);
        }
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(props);
        this.reader = new Thread(this::run, "telltale-decision-view");
        this.reader.setDaemon(true);
    }

    public void start() {
        reader.start();
    }

    /** The rendered verdict of a session, or null if none was seen. */
    public byte[] decision(String sessionId) {
        return decisions.get(sessionId);
    }

    /** Whether the view has caught up with the topic as it was at start. */
    public boolean ready() {
        return ready;
    }

    public int size() {
        return decisions.size();
    }

    private void run() {
        try {
            List<TopicPartition> partitions = awaitPartitions();
            if (partitions == null) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    apply(record.value());
                }
                if (!ready && caughtUp(end)) {
                    ready = true;
                    LOG.info("decision view of {} ready: {} sessions", topic, decisions.size());
                }
            }
        } catch (WakeupException e) {
            // close() ends the loop
        } catch (RuntimeException e) {
            LOG.error("decision view of {} stopped; decisions are no longer updated", topic, e);
            ready = false;
        } finally {
            consumer.close(Duration.ofSeconds(1));
        }
    }

    private List<TopicPartition> awaitPartitions() {
        while (running) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, TOPIC_WAIT);
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toList());
            }
            LOG.info("waiting for topic {} to exist", topic);
        }
        return null;
    }

    private boolean caughtUp(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void apply(byte[] value) {
        if (value == null) {
            return; // a tombstone of a compacted topic: nothing to say about that session
        }
        RiskScore score;
        try {
            score = serde.deserialize(value);
        } catch (InvalidRecordException e) {
            onInvalid.accept(e.reason().name());
            return;
        }
        if (decisions.put(score.sessionId(), render(score)) == null) {
            arrival.addLast(score.sessionId());
            while (arrival.size() > capacity) {
                decisions.remove(arrival.removeFirst());
            }
        }
    }

    /** The decision API's "scored" answer (docs/embedding.md#the-decision-api). */
    static byte[] render(RiskScore s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (var g = GatewayJson.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("v", 1);
            g.writeStringField("sessionId", s.sessionId());
            g.writeStringField("verdict", "scored");
            g.writeNumberField("score", s.score());
            g.writeStringField("action", s.action().wireName());
            g.writeStringField("evidence", s.evidence());
            g.writeArrayFieldStart("reasons");
            for (Reason r : s.reasons()) {
                g.writeStartObject();
                g.writeStringField("code", r.code());
                g.writeStringField("text", r.text());
                g.writeNumberField("contribution", r.contribution());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeBooleanField("final", s.isFinal());
            g.writeNumberField("emittedAt", s.emittedAt());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The "no verdict yet" answer. */
    static byte[] none(String sessionId) {
        return GatewayJson.object(g -> {
            g.writeNumberField("v", 1);
            g.writeStringField("sessionId", sessionId);
            g.writeStringField("verdict", "none");
        });
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
