package io.telltale.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A topic as a downstream reader with {@code isolation.level=read_committed} sees it: only
 * records of committed transactions, from the beginning, accumulated across {@link #poll} calls.
 */
final class CommittedTopic<T> implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Function<byte[], T> decode;
    private final List<T> records = new ArrayList<>();

    CommittedTopic(String bootstrapServers, String topic, Function<byte[], T> decode) {
        this.decode = decode;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads what is committed by now (up to the last stable offset) and returns everything read so far. */
    List<T> poll() {
        var end = consumer.endOffsets(consumer.assignment());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        do {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                records.add(decode.apply(record.value()));
            }
        } while (consumer.assignment().stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                && System.nanoTime() < deadline);
        return List.copyOf(records);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
