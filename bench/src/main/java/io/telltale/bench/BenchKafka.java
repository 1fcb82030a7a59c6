package io.telltale.bench;

import io.telltale.connectors.RawRecord;
import io.telltale.connectors.kafka.RawRecordDeserializer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Topics, producers and sources of the benchmarks, against one broker. */
final class BenchKafka implements AutoCloseable {

    private final String bootstrap;
    private final Admin admin;

    BenchKafka(String bootstrap) {
        this.bootstrap = bootstrap;
        Properties props = new Properties();
        props.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        this.admin = Admin.create(props);
    }

    String bootstrap() {
        return bootstrap;
    }

    /**
     * Creates topics whose record timestamps are the broker's append time, so latencies are read
     * off one clock: the append of a telemetry batch and of the score it led to. The job takes
     * event time from the records' timestamps, which is then the time the batch reached Kafka, as
     * behind a gateway.
     */
    void createTopics(int partitions, String... topics) {
        createTopics(partitions, "LogAppendTime", topics);
    }

    /**
     * Creates topics that keep the producer's record timestamps, for pre-loaded workloads: each
     * batch is stamped with its send time ({@link #preload}), as the gateway would have stamped it,
     * so event time is spread as in live traffic although the topic was filled in seconds.
     */
    void createPreloadTopics(int partitions, String... topics) {
        createTopics(partitions, "CreateTime", topics);
    }

    private void createTopics(int partitions, String timestampType, String... topics) {
        List<NewTopic> created = new ArrayList<>();
        for (String topic : topics) {
            created.add(new NewTopic(topic, partitions, (short) 1)
                    .configs(Map.of("message.timestamp.type", timestampType)));
        }
        try {
            admin.createTopics(created).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create topics " + List.of(topics), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A producer tuned for bulk loading; records are keyed by session, as the gateway writes them. */
    KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.setProperty(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.setProperty(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
        props.setProperty(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(256L * 1024 * 1024));
        props.setProperty(ProducerConfig.ACKS_CONFIG, "1");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Writes {@code workload}'s records to {@code topic}, each stamped with its send time, and waits
     * until the broker has them all.
     */
    Workload.Totals preload(Workload workload, long firstSession, long startEpochMillis, String topic) {
        return preload(workload, firstSession, startEpochMillis, topic, null);
    }

    /**
     * As above, and the sessions' commerce events to {@code commerceTopic} (none when it is null),
     * each stamped with its event time.
     */
    Workload.Totals preload(Workload workload, long firstSession, long startEpochMillis, String topic,
            String commerceTopic) {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            Workload.Totals totals = workload.forEachRecord(firstSession, startEpochMillis,
                    (key, value, sentAt) -> producer.send(new ProducerRecord<>(topic, null, sentAt, key, value)),
                    commerceTopic == null ? null : (key, value, time) ->
                            producer.send(new ProducerRecord<>(commerceTopic, null, time, key, value)));
            producer.flush();
            return totals;
        }
    }

    /** Reads {@code topic} from its start up to the offsets it has when the job starts, then ends. */
    KafkaSource<RawRecord> boundedSource(String topic, String groupId) {
        return fromStart(topic, groupId).setBounded(OffsetsInitializer.latest()).build();
    }

    /** Reads {@code topic} from its start and never ends; commits offsets on checkpoints. */
    KafkaSource<RawRecord> unboundedSource(String topic, String groupId) {
        return fromStart(topic, groupId).build();
    }

    private KafkaSourceBuilder<RawRecord> fromStart(String topic, String groupId) {
        return KafkaSource.<RawRecord>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new RawRecordDeserializer());
    }

    /** Records on {@code topic} now: the sum of its partitions' end offsets (topics here are never compacted). */
    long recordCount(String topic) throws Exception {
        return endOffsets(topic).values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
    }

    /** Whether {@code groupId} has committed the end of every partition of {@code topic}. */
    boolean caughtUp(String topic, String groupId) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : endOffsets(topic).entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            if (end.getValue().offset() > 0 && (done == null || done.offset() < end.getValue().offset())) {
                return false;
            }
        }
        return true;
    }

    private Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> endOffsets(String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get();
    }

    @Override
    public void close() {
        admin.close();
    }
}
