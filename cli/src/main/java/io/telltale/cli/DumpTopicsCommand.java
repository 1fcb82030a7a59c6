package io.telltale.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.flink.util.TimeUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Every record of every topic of a broker, internal topics and aborted transactions included, as
 * NDJSON with keys, values and headers in base64: what the shop's end-to-end test searches for a
 * typed password, and reads telemetry batches from to check them against the schema.
 */
@Command(
        name = "dump-topics",
        mixinStandardHelpOptions = true,
        description = "Write every record of every topic (internal ones too) as NDJSON, bytes in base64.")
final class DumpTopicsCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", required = true, description = "Kafka, host:port.")
    String bootstrapServers;

    @Option(names = "--output", required = true, description = "The NDJSON file to write.")
    Path output;

    @Option(names = "--timeout", defaultValue = "60s", description = "Give up reading after this long (default: ${DEFAULT-VALUE}).")
    String timeoutText;

    @Override
    public Integer call() throws Exception {
        Duration timeout = TimeUtils.parseDuration(timeoutText);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        List<TopicPartition> partitions = new ArrayList<>();
        try (Admin admin = Admin.create(props)) {
            Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
            for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get().values()) {
                topic.partitions().forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition())));
            }
        }
        // Uncommitted: records of aborted transactions are bytes in Kafka too.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        long records = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        Base64.Encoder base64 = Base64.getEncoder();
        try (KafkaConsumer<byte[], byte[]> consumer =
                        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
                OutputStream out = Files.newOutputStream(output);
                JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.setRootValueSeparator(new SerializedString("\n"));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (!caughtUp(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    System.err.println("telltale dump-topics: not all records read within " + timeout);
                    return 1;
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    g.writeStartObject();
                    g.writeStringField("topic", r.topic());
                    g.writeNumberField("partition", r.partition());
                    g.writeNumberField("offset", r.offset());
                    g.writeStringField("key", r.key() == null ? null : base64.encodeToString(r.key()));
                    g.writeStringField("value", r.value() == null ? null : base64.encodeToString(r.value()));
                    g.writeArrayFieldStart("headers");
                    for (Header h : r.headers()) {
                        g.writeStartArray();
                        g.writeString(h.key());
                        g.writeString(h.value() == null ? null : base64.encodeToString(h.value()));
                        g.writeEndArray();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                    records++;
                }
            }
            g.writeRaw('\n');
        }
        System.out.println("telltale dump-topics: " + records + " records of " + partitions.size() + " partitions to " + output);
        return 0;
    }

    private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
