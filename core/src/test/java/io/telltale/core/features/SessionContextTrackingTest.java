package io.telltale.core.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.core.session.DeviceFingerprint;
import io.telltale.core.wire.SessionContext;
import io.telltale.core.wire.TelemetryBatch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The session context follows the batch that started last, whatever order batches come in. */
class SessionContextTrackingTest extends SessionFeaturesTestBase {

    private static TelemetryBatch onRoute(TelemetryBatch b, String route, String ip) {
        return new TelemetryBatch(b.schemaVersion(), b.sessionId(), b.userId(), b.sequence(), b.startedAt(),
                b.sentAt(), b.receivedAt(), route, b.userAgent(), ip, b.device(), b.mouse(), b.keys(), b.scroll(),
                b.touch());
    }

    @Test
    void theLatestBatchGivesTheContextEvenWhenItArrivesFirst() throws IOException {
        TelemetryBatch early = onRoute(numbered(session().mouse(linearBotStroke(BEGINNING, 0, 0, 30))
                .batch(0, BEGINNING, ONE_SECOND_LATER), 0), "/products", "203.0.113.7");
        TelemetryBatch late = onRoute(numbered(session().mouse(linearBotStroke(TEN_SECONDS_LATER, 0, 0, 30))
                .batch(1, TEN_SECONDS_LATER, ONE_MINUTE_LATER), 1), "/checkout", "198.51.100.4");

        SessionFeatureAccumulator lateFirst = new SessionFeatureAccumulator();
        lateFirst.add(late);
        lateFirst.add(early);
        SessionFeatureAccumulator merged = new SessionFeatureAccumulator();
        SessionFeatureAccumulator onlyEarly = new SessionFeatureAccumulator();
        onlyEarly.add(early);
        SessionFeatureAccumulator onlyLate = new SessionFeatureAccumulator();
        onlyLate.add(late);
        merged.merge(onlyLate);
        merged.merge(onlyEarly);

        SessionContext expected = new SessionContext("/checkout", "198.51.100.4", DESKTOP_CHROME,
                DeviceFingerprint.of(DESKTOP_CHROME, DESKTOP));
        assertThat(lateFirst.context()).isEqualTo(expected);
        assertThat(merged.context()).isEqualTo(expected);
        assertThat(roundTrip(merged).context()).isEqualTo(expected);
        assertThat(new SessionFeatureAccumulator().context().isUnknown()).isTrue();
        assertThat(roundTrip(new SessionFeatureAccumulator()).context().isUnknown()).isTrue();
    }

    private static SessionFeatureAccumulator roundTrip(SessionFeatureAccumulator acc) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        acc.writeTo(new DataOutputStream(bytes));
        return SessionFeatureAccumulator.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    }
}
