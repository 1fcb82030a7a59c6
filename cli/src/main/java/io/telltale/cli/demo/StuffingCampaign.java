package io.telltale.cli.demo;

import io.telltale.connectors.serde.CommerceEventSerde;
import io.telltale.core.wire.CommerceEvent;
import io.telltale.core.wire.CommerceEventType;
import io.telltale.core.wire.WireVersion;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A slow credential-stuffing run on the commerce topic, for the cross-session patterns to find: a
 * new session every few seconds from one /24 of the documentation range (198.51.100.0/24), each
 * failing to log in to two accounts of a leaked list, never more than two per session, so no
 * single session trips a rate limit. Events carry the time they are sent.
 */
public final class StuffingCampaign implements Runnable, AutoCloseable {

    private static final long SESSION_EVERY_MILLIS = 4_000;

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final CommerceEventSerde serde = new CommerceEventSerde();
    private final AtomicLong sessionsSent = new AtomicLong();
    private volatile boolean running = true;

    public StuffingCampaign(String bootstrapServers, String commerceTopic) {
        this.topic = commerceTopic;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(props);
    }

    @Override
    public void run() {
        while (running) {
            long n = sessionsSent.get();
            String session = "s-stuffer-" + n;
            String clientIp = "198.51.100." + (10 + n % 200);
            for (int attempt = 0; attempt < 2; attempt++) {
                long now = System.currentTimeMillis();
                CommerceEvent failed = new CommerceEvent(WireVersion.CURRENT, CommerceEventType.LOGIN_FAILED, session,
                        "leaked-user-" + (2 * n + attempt), clientIp, null, null, 0, now);
                producer.send(new ProducerRecord<>(topic, null, now, session.getBytes(StandardCharsets.UTF_8),
                        serde.serialize(failed)));
            }
            producer.flush();
            sessionsSent.incrementAndGet();
            try {
                Thread.sleep(SESSION_EVERY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public long sessionsSent() {
        return sessionsSent.get();
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
