package io.telltale.cep.job;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Passes session summaries and watermarks on, but never an idle status, so the patterns' clock
 * waits for every summariser.
 *
 * <p>Summaries come out of event-time timers, at the watermark that closes their sessions. When the
 * inputs have been quiet for {@code telltale.cep.idleness}, every summariser is idle; the next
 * watermark reaches all of them, and one with nothing to summarise passes it on at once. Were its
 * neighbour's channel still marked idle, a pattern would take that watermark while the neighbour
 * was still firing the summaries it closes, and drop them as late: after every quiet spell, the
 * sessions that ended during it (measured on a real cluster: both sessions of a campaign lost, by
 * {@code PatternJobOnFlinkClusterITCase}). Every summariser sees every watermark, so none can hold
 * the others back for long by not being idle.
 */
final class NeverIdle<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<T, T> {

    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(StreamRecord<T> element) {
        output.collect(element);
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus watermarkStatus) {
        // Neither idle nor active is passed on: downstream, this channel is always active.
    }
}
