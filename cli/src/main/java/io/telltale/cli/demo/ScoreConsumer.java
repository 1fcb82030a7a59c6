package io.telltale.cli.demo;

import io.telltale.cep.finding.Finding;
import io.telltale.cep.finding.FindingSerde;
import io.telltale.connectors.serde.InvalidRecordException;
import io.telltale.connectors.serde.RiskScoreSerde;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the risk-score topic into the demo's score board, counts the dead-letter and alert topics and
 * the cross-session findings (keeping the latest), as a consumer of the jobs' output would.
 */
public final class ScoreConsumer implements Runnable, AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String scoreTopic;
    private final String deadLetterTopic;
    private final String alertTopic;
    private final String findingTopic;
    private final FindingSerde findingSerde = new FindingSerde();
    private final AtomicLong findingsRead = new AtomicLong();
    private volatile String latestFinding;
    private final ScoreBoard board;
    private final RiskScoreSerde serde = new RiskScoreSerde();
    private final AtomicLong scoresRead = new AtomicLong();
    private final AtomicLong deadLettersRead = new AtomicLong();
    private final AtomicLong alertsRead = new AtomicLong();
    private volatile boolean running = true;

    public ScoreConsumer(
            String bootstrapServers, String scoreTopic, String deadLetterTopic, String alertTopic, String findingTopic,
            ScoreBoard board) {
        this.scoreTopic = scoreTopic;
        this.findingTopic = findingTopic;
        this.deadLetterTopic = deadLetterTopic;
        this.alertTopic = alertTopic;
        this.board = board;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "telltale-demo-table");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.consumer = new KafkaConsumer<>(props);
    }

    @Override
    public void run() {
        consumer.subscribe(List.of(scoreTopic, deadLetterTopic, alertTopic, findingTopic));
        while (running) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.topic().equals(deadLetterTopic)) {
                    deadLettersRead.incrementAndGet();
                    continue;
                }
                if (record.topic().equals(alertTopic)) {
                    alertsRead.incrementAndGet();
                    continue;
                }
                if (record.topic().equals(findingTopic)) {
                    readFinding(record);
                    continue;
                }
                try {
                    board.record(serde.deserialize(record.value()), System.currentTimeMillis());
                    scoresRead.incrementAndGet();
                } catch (InvalidRecordException e) {
                    System.err.println("demo: unreadable risk score at offset " + record.offset() + ": "
                            + e.getMessage());
                }
            }
        }
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
    }

    private void readFinding(ConsumerRecord<byte[], byte[]> record) {
        try {
            Finding f = findingSerde.deserialize(record.value());
            latestFinding = (f.owaspId() == null ? "" : f.owaspId() + " ") + f.title() + ": " + f.sessions().size()
                    + " sessions share " + f.key();
            findingsRead.incrementAndGet();
        } catch (IOException e) {
            System.err.println("demo: unreadable finding at offset " + record.offset() + ": " + e.getMessage());
        }
    }

    public long findingsRead() {
        return findingsRead.get();
    }

    /** The latest cross-session finding in words, or null before the first. */
    public String latestFinding() {
        return latestFinding;
    }

    public long scoresRead() {
        return scoresRead.get();
    }

    public long deadLettersRead() {
        return deadLettersRead.get();
    }

    public long alertsRead() {
        return alertsRead.get();
    }

    /** Ends the polling loop; the consumer closes itself on the way out. */
    public void stop() {
        running = false;
    }

    @Override
    public void close() {
        stop();
    }
}
