package io.telltale.cli.demo;

import io.telltale.connectors.kafka.TelltaleKafka;
import io.telltale.connectors.serde.TelemetryBatchSerde;
import io.telltale.core.wire.TelemetryBatch;
import io.telltale.simulator.TrafficSimulator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Plays the simulator's sessions into the telemetry topic in wall-clock time, as the gateway
 * would, plus now and then a malformed record so the dead-letter path shows up in the demo.
 */
public final class TrafficProducer implements Runnable, AutoCloseable {

    private static final long TICK_MILLIS = 200;
    /** One malformed record this often; enough to see the dead-letter count move. */
    private static final long MALFORMED_EVERY_MILLIS = 10_000;

    private static final List<String> MALFORMED = List.of(
            "{\"v\":1,\"sessionId\":\"s-broken\",\"seq\":0,\"startedAt\":",
            "{\"v\":99,\"sessionId\":\"s-future-version\",\"seq\":0,\"startedAt\":1}",
            "{\"v\":1,\"seq\":0,\"startedAt\":1700000000000}",
            "not json at all");

    private final TrafficSimulator simulator;
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final TelemetryBatchSerde serde = new TelemetryBatchSerde();
    private final AtomicLong batchesSent = new AtomicLong();
    private final AtomicLong malformedSent = new AtomicLong();
    private volatile boolean running = true;

    public TrafficProducer(TrafficSimulator simulator, String bootstrapServers, String topic) {
        this.simulator = simulator;
        this.topic = topic;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(props);
    }

    @Override
    public void run() {
        long nextMalformed = System.currentTimeMillis() + MALFORMED_EVERY_MILLIS;
        while (running) {
            long now = System.currentTimeMillis();
            for (TelemetryBatch batch : simulator.batchesDueBy(now)) {
                producer.send(TelltaleKafka.telemetryRecord(topic, batch, serde.serialize(batch)));
                batchesSent.incrementAndGet();
            }
            if (now >= nextMalformed) {
                String bad = MALFORMED.get((int) (malformedSent.get() % MALFORMED.size()));
                producer.send(new ProducerRecord<>(topic, null, bad.getBytes(StandardCharsets.UTF_8)));
                malformedSent.incrementAndGet();
                nextMalformed = now + MALFORMED_EVERY_MILLIS;
            }
            producer.flush();
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public long batchesSent() {
        return batchesSent.get();
    }

    public long malformedSent() {
        return malformedSent.get();
    }

    public void stop() {
        running = false;
    }

    @Override
    public void close() {
        stop();
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
