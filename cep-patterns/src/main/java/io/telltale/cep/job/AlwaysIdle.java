package io.telltale.cep.job;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Watermarks for a stream that is applied on arrival, not in event time (pattern controls): the
 * stream is idle for good, so an operator that joins it follows its other input's watermark alone.
 *
 * <p>Not a watermark at the end of time: while the other input is idle too (a quiet spell longer
 * than {@code telltale.cep.idleness}), the join would take that one, every pattern's clock would
 * jump to the end of time and each session summarised after the spell would be dropped as late.
 * {@code PatternJobOnFlinkClusterITCase} found that on a real cluster.
 */
final class AlwaysIdle<T> implements WatermarkGenerator<T> {

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        output.markIdle();
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.markIdle();
    }
}
