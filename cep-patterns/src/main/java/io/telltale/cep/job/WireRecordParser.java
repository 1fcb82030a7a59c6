package io.telltale.cep.job;

import io.telltale.connectors.RawRecord;
import io.telltale.connectors.serde.DeadLetters;
import io.telltale.connectors.serde.InvalidRecordException;
import io.telltale.core.wire.DeadLetter;
import java.time.Clock;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Parses raw records of one wire type; a record that fails becomes a dead letter with the reason. */
abstract class WireRecordParser<T> extends ProcessFunction<RawRecord, T> {
    private static final long serialVersionUID = 1L;

    static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("cep-dead-letters") {};

    private transient Clock clock;
    private transient Counter deadLettered;

    @Override
    public void open(OpenContext openContext) {
        clock = Clock.systemUTC();
        deadLettered = getRuntimeContext().getMetricGroup().addGroup("telltale").counter("deadLettered");
    }

    abstract T parse(byte[] payload) throws InvalidRecordException;

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<T> out) {
        try {
            out.collect(parse(record.value()));
        } catch (InvalidRecordException e) {
            deadLettered.inc();
            ctx.output(DEAD_LETTERS, DeadLetters.of(e, record.origin(), record.key(), record.value(), clock.millis()));
        }
    }
}
