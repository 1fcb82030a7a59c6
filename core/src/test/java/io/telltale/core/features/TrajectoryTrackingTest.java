package io.telltale.core.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.core.wire.TelemetryBatch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The accumulator's trajectory fingerprint: the same in any arrival or merge order, and kept in its binary form. */
class TrajectoryTrackingTest extends SessionFeaturesTestBase {

    @Test
    void theFingerprintDoesNotDependOnArrivalOrMergeOrder() throws IOException {
        List<TelemetryBatch> batches = humanSession().cutRandomly(12, new Random(3));
        SessionFeatureAccumulator inOrder = accumulate(batches);
        List<TelemetryBatch> shuffled = new ArrayList<>(batches);
        Collections.shuffle(shuffled, new Random(4));
        SessionFeatureAccumulator merged = new SessionFeatureAccumulator();
        for (TelemetryBatch b : shuffled) {
            SessionFeatureAccumulator one = new SessionFeatureAccumulator();
            one.add(b);
            merged.merge(roundTrip(one));
        }

        assertThat(inOrder.trajectory().isEmpty()).isFalse();
        assertThat(merged.trajectory().shapes()).containsExactly(inOrder.trajectory().shapes());
        assertThat(roundTrip(inOrder).trajectory().shapes()).containsExactly(inOrder.trajectory().shapes());
        assertThat(inOrder.copy().trajectory().shapes()).containsExactly(inOrder.trajectory().shapes());
    }

    private static SessionFeatureAccumulator roundTrip(SessionFeatureAccumulator acc) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        acc.writeTo(new DataOutputStream(bytes));
        return SessionFeatureAccumulator.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    }
}
