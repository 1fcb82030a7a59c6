package io.telltale.connectors.siem;

import io.telltale.core.alert.Alert;
import io.telltale.core.alert.AlertIds;
import io.telltale.core.alert.Analytic;
import io.telltale.core.alert.Evidence;
import io.telltale.core.alert.Severity;
import io.telltale.core.alert.Subject;
import io.telltale.core.wire.Action;
import java.time.Instant;
import java.util.List;

/** Alerts for renderer tests: a plain one, and one whose every string tries to break its format. */
final class AlertFixtures {

    static final long RAISED_AT = Instant.parse("2026-11-02T10:01:30.250Z").toEpochMilli();
    static final long WINDOW_START = Instant.parse("2026-11-02T10:00:00Z").toEpochMilli();

    /** Pipes, equals signs, backslashes, CR/LF, tab, quotes, non-ASCII (é, 日本, emoji). */
    static final String HOSTILE = "a|b=c\\d\r\ne\tf\"g 日本 é 🤖 =|\\";

    static Alert blockedBot() {
        return new Alert(
                AlertIds.of(Analytic.SESSION_SCORE.uid(), "s-42", WINDOW_START, "block"),
                RAISED_AT,
                "Likely bot session: block (risk 0.93, policy auth)",
                Severity.HIGH,
                Analytic.SESSION_SCORE,
                Action.BLOCK,
                true,
                "auth",
                0.93,
                new Subject("s-42", "u-7", "203.0.113.9", "Mozilla/5.0 HeadlessChrome/131.0", "/login",
                        "0123456789abcdef"),
                List.of(new Evidence("MOUSE_PATH_STRAIGHT", "mouse path 99% straight over 41 strokes", 1.4),
                        new Evidence("WEBDRIVER", "navigator.webdriver is true", 2.0)),
                WINDOW_START,
                WINDOW_START + 1_800_000,
                "human-norms-1");
    }

    static Alert hostile() {
        return new Alert(
                AlertIds.of(Analytic.SESSION_SCORE.uid(), HOSTILE, WINDOW_START, "challenge"),
                RAISED_AT,
                "title " + HOSTILE,
                Severity.MEDIUM,
                new Analytic("cep." + HOSTILE, "pattern " + HOSTILE, Analytic.Type.RULE),
                Action.CHALLENGE,
                false,
                "policy " + HOSTILE,
                0.5,
                new Subject("s " + HOSTILE, "u " + HOSTILE, "2001:db8::1", "ua " + HOSTILE, "/p/" + HOSTILE,
                        "fp " + HOSTILE),
                List.of(new Evidence("CODE", "text " + HOSTILE, 0.7)),
                WINDOW_START,
                WINDOW_START + 1_800_000,
                "v " + HOSTILE);
    }

    private AlertFixtures() {}
}
