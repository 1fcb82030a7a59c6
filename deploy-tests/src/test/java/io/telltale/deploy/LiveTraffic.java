package io.telltale.deploy;

import io.telltale.connectors.kafka.TelltaleKafka;
import io.telltale.connectors.serde.CommerceEventSerde;
import io.telltale.connectors.serde.TelemetryBatchSerde;
import io.telltale.core.wire.CommerceEvent;
import io.telltale.core.wire.CommerceEventType;
import io.telltale.core.wire.TelemetryBatch;
import io.telltale.core.wire.WireVersion;
import io.telltale.simulator.Actor;
import io.telltale.simulator.SessionSimulator;
import io.telltale.simulator.TrafficSimulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Shop traffic in real time, as the ingest gateway and the shop backend would write it: the
 * simulator's people and bots on the telemetry topic (keyed by session), a page view and cart
 * events per session on the commerce topic, and on request malformed records of every kind. It
 * remembers every batch Kafka acknowledged, which is what the job owes a score for.
 */
final class LiveTraffic implements AutoCloseable {

    /** A batch Kafka acknowledged, and when (wall clock) it was handed to the producer. */
    record SentBatch(long sequence, long startedAt, long sentAtMillis) {}

    private static final Duration TICK = Duration.ofMillis(100);

    private final String telemetryTopic;
    private final String commerceTopic;
    private final int partitions;
    private final KafkaProducer<byte[], byte[]> producer;
    private final TrafficSimulator simulator;
    private final TelemetryBatchSerde telemetrySerde = new TelemetryBatchSerde();
    private final CommerceEventSerde commerceSerde = new CommerceEventSerde();
    private final Map<String, List<SentBatch>> acked = new ConcurrentHashMap<>();
    private final Map<String, String> malformed = new LinkedHashMap<>();
    private final List<Exception> failures = new CopyOnWriteArrayList<>();
    private final AtomicLong commerceEvents = new AtomicLong();
    private volatile boolean running;
    private Thread thread;

    LiveTraffic(String bootstrapServers, String telemetryTopic, String commerceTopic, int partitions, long seed) {
        this.telemetryTopic = telemetryTopic;
        this.commerceTopic = commerceTopic;
        this.partitions = partitions;
        // 24 concurrent sessions of 20-60 s: some end while the cluster is being broken, many span
        // each break, the savepoint included.
        this.simulator = new TrafficSimulator(seed, 0.4, 24, Duration.ofSeconds(20), Duration.ofSeconds(60));
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        // Idempotent with all acks: a broker restart delays records but neither loses nor repeats them.
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 180_000);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 180_000);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(props);
    }

    /** Starts sending in the background. */
    void start() {
        running = true;
        thread = new Thread(this::run, "live-traffic");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops sending and waits until Kafka acknowledged everything sent. */
    void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join();
        }
        producer.flush();
        if (!failures.isEmpty()) {
            throw new IllegalStateException("sends failed: " + failures, failures.get(0));
        }
    }

    /**
     * Sends one malformed record of every kind, on every partition in turn, and waits for the
     * acknowledgements. Returns the records by the dead-letter reason each must get.
     */
    Map<String, String> sendMalformed(String round) throws InterruptedException, ExecutionException {
        Map<String, String> records = MalformedRecords.round(round, System.currentTimeMillis());
        int partition = 0;
        for (String payload : records.keySet()) {
            producer.send(new ProducerRecord<>(telemetryTopic, partition++ % partitions, null,
                    payload.getBytes(StandardCharsets.UTF_8))).get();
        }
        synchronized (malformed) {
            malformed.putAll(records);
        }
        return records;
    }

    /**
     * Sends one batch of a fresh session starting at {@code eventTime} to every partition, so
     * every source subtask's watermark passes the sessions before it and they close.
     */
    List<String> advanceEventTimeTo(long eventTime) throws InterruptedException, ExecutionException {
        List<String> sessions = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            String sessionId = "s-watermark-" + p;
            TelemetryBatch batch = new SessionSimulator(p).simulate(Actor.HUMAN, sessionId, null, eventTime,
                    Duration.ofSeconds(10)).batches().get(0);
            producer.send(new ProducerRecord<>(telemetryTopic, p, batch.arrivedAt(),
                    sessionId.getBytes(StandardCharsets.UTF_8), telemetrySerde.serialize(batch))).get();
            sessions.add(sessionId);
        }
        return sessions;
    }

    /**
     * Sends a whole session of {@code userId} at once, starting at {@code eventTime}, and waits for
     * the acknowledgements; its batches count among {@link #ackedBatches()}.
     */
    void sendSession(Actor actor, String sessionId, String userId, long eventTime, Duration length)
            throws InterruptedException, ExecutionException {
        for (TelemetryBatch batch : new SessionSimulator(sessionId.hashCode())
                .simulate(actor, sessionId, userId, eventTime, length).batches()) {
            send(batch, System.currentTimeMillis());
        }
        producer.flush();
        if (!failures.isEmpty()) {
            throw new IllegalStateException("sends failed: " + failures, failures.get(0));
        }
    }

    /** Every acknowledged batch, by session. */
    Map<String, List<SentBatch>> ackedBatches() {
        Map<String, List<SentBatch>> copy = new LinkedHashMap<>();
        acked.forEach((session, batches) -> {
            synchronized (batches) {
                copy.put(session, List.copyOf(batches));
            }
        });
        return copy;
    }

    /** Every malformed record sent, by the dead-letter reason it must get. */
    Map<String, String> malformedSent() {
        synchronized (malformed) {
            return Map.copyOf(malformed);
        }
    }

    /** Who drives {@code sessionId}, as the simulator knows. */
    Actor actorOf(String sessionId) {
        synchronized (simulator) {
            return simulator.actorOf(sessionId);
        }
    }

    long commerceEvents() {
        return commerceEvents.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(5_000);
        }
        producer.close(Duration.ofSeconds(10));
    }

    private void run() {
        while (running) {
            long now = System.currentTimeMillis();
            List<TelemetryBatch> due;
            synchronized (simulator) {
                due = simulator.batchesDueBy(now);
            }
            for (TelemetryBatch batch : due) {
                send(batch, now);
            }
            try {
                Thread.sleep(TICK.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void send(TelemetryBatch batch, long now) {
        byte[] key = batch.sessionId().getBytes(StandardCharsets.UTF_8);
        SentBatch sent = new SentBatch(batch.sequence(), batch.startedAt(), now);
        producer.send(TelltaleKafka.telemetryRecord(telemetryTopic, batch, telemetrySerde.serialize(batch)), (meta, error) -> {
            if (error != null) {
                failures.add(error);
                return;
            }
            List<SentBatch> batches = acked.computeIfAbsent(batch.sessionId(), s -> new ArrayList<>());
            synchronized (batches) {
                batches.add(sent);
            }
        });
        // The shop backend's view of the same visit; the job does not read it yet.
        CommerceEventType type = batch.sequence() == 0 ? CommerceEventType.PAGE_VIEW
                : batch.sequence() % 4 == 0 ? CommerceEventType.CART_ADD : null;
        if (type != null) {
            CommerceEvent event = new CommerceEvent(WireVersion.CURRENT, type, batch.sessionId(), batch.userId(),
                    batch.clientIp(), type == CommerceEventType.CART_ADD ? "sku-" + batch.sequence() : null,
                    type == CommerceEventType.CART_ADD ? "shoes" : null,
                    type == CommerceEventType.CART_ADD ? 1 : 0, batch.sentAt());
            producer.send(new ProducerRecord<>(commerceTopic, key, commerceSerde.serialize(event)), (meta, error) -> {
                if (error != null) {
                    failures.add(error);
                } else {
                    commerceEvents.incrementAndGet();
                }
            });
        }
    }
}
