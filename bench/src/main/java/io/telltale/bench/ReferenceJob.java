package io.telltale.bench;

import com.fasterxml.jackson.core.JsonFactory;
import io.telltale.connectors.RawRecord;
import io.telltale.connectors.kafka.KeyedJsonSerializer;
import io.telltale.connectors.kafka.TelltaleKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.functions.windowing.WindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * The yardstick: the least a session-window job over the same topic must do, in the shape of
 * Nexmark q11 (session windows counting per user). It reads the whole JSON document but keeps only
 * the envelope (session id and batch start), keys by session, counts batches per session window
 * with the same gap and watermarks as Telltale, and writes one count per session to Kafka. What
 * Telltale does beyond this (validating every sample, folding features, deduplication, mergeable
 * accumulator state, continuous scoring) is what the ratio of their throughputs prices.
 */
final class ReferenceJob {

    static final String UID_PREFIX = "reference-";

    /** Session id and batch start. */
    private static final TypeInformation<Tuple2<String, Long>> ENVELOPE = Types.TUPLE(Types.STRING, Types.LONG);
    /** Session id and batches in its window. */
    private static final TypeInformation<Tuple2<String, Long>> COUNT = Types.TUPLE(Types.STRING, Types.LONG);

    private ReferenceJob() {}

    static void build(
            StreamExecutionEnvironment env, Source<RawRecord, ?, ?> source, String bootstrap, String topic,
            Duration gap, Duration maxOutOfOrderness) {
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "Telemetry source")
                .uid(UID_PREFIX + "source")
                .process(new EnvelopeParser())
                .returns(ENVELOPE)
                .uid(UID_PREFIX + "parse")
                .name("Parse envelope")
                .assignTimestampsAndWatermarks(WatermarkStrategy
                        .<Tuple2<String, Long>>forBoundedOutOfOrderness(maxOutOfOrderness)
                        .withTimestampAssigner((envelope, recordTimestamp) -> envelope.f1))
                .uid(UID_PREFIX + "watermarks")
                .keyBy(envelope -> envelope.f0, Types.STRING)
                .window(EventTimeSessionWindows.withGap(gap))
                .aggregate(new CountBatches(), new EmitCount(), Types.LONG, COUNT)
                .uid(UID_PREFIX + "count")
                .name("Count per session window")
                .sinkTo(TelltaleKafka.sink(
                        bootstrap, topic, new CountSerializer(), DeliveryGuarantee.AT_LEAST_ONCE, null, null))
                .uid(UID_PREFIX + "sink")
                .name("Counts");
    }

    /** Session id and {@code startedAt} of a batch; a record that has neither is dropped. */
    static final class EnvelopeParser extends ProcessFunction<RawRecord, Tuple2<String, Long>> {
        private static final long serialVersionUID = 1L;
        private transient JsonFactory json;

        @Override
        public void open(OpenContext openContext) {
            json = new JsonFactory();
        }

        @Override
        public void processElement(RawRecord record, Context ctx, Collector<Tuple2<String, Long>> out) {
            Tuple2<String, Long> envelope = ReferenceEnvelope.parse(json, record.value());
            if (envelope != null) {
                out.collect(envelope);
            }
        }
    }

    static final class CountBatches implements AggregateFunction<Tuple2<String, Long>, Long, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long createAccumulator() {
            return 0L;
        }

        @Override
        public Long add(Tuple2<String, Long> envelope, Long count) {
            return count + 1;
        }

        @Override
        public Long getResult(Long count) {
            return count;
        }

        @Override
        public Long merge(Long a, Long b) {
            return a + b;
        }
    }

    static final class EmitCount implements WindowFunction<Long, Tuple2<String, Long>, String, TimeWindow> {
        private static final long serialVersionUID = 1L;

        @Override
        public void apply(String session, TimeWindow window, Iterable<Long> counts, Collector<Tuple2<String, Long>> out) {
            out.collect(Tuple2.of(session, counts.iterator().next()));
        }
    }

    static final class CountSerializer implements KeyedJsonSerializer<Tuple2<String, Long>> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] key(Tuple2<String, Long> count) {
            return count.f0.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] value(Tuple2<String, Long> count) {
            return ("{\"sessionId\":\"" + count.f0 + "\",\"batches\":" + count.f1 + "}")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }
}
