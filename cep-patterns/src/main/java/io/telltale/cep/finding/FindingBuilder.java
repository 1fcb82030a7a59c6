package io.telltale.cep.finding;

import io.telltale.cep.pattern.CrossSessionPattern;
import io.telltale.cep.pattern.PatternParameters;
import io.telltale.cep.session.SessionSummary;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/** Turns the sessions of a match into a {@link Finding} with its evidence. Plain Java. */
public final class FindingBuilder {

    private FindingBuilder() {}

    public static Finding build(
            CrossSessionPattern pattern, PatternParameters parameters, Collection<SessionSummary> matched,
            long detectedAt) {
        List<SessionSummary> sessions = matched.stream()
                .sorted(Comparator.comparingLong(SessionSummary::endedAt).thenComparing(SessionSummary::sessionId))
                .toList();
        String key = sessions.get(0).focus();
        List<Finding.SessionEvidence> evidence = sessions.stream()
                .map(s -> new Finding.SessionEvidence(
                        s.sessionId(), s.userId(), s.clientIp(), s.network().prefix(), s.network().asn(),
                        s.network().asOrg(), s.network().type().name().toLowerCase(java.util.Locale.ROOT),
                        s.deviceFingerprint(), s.startedAt(), s.endedAt(), pattern.skusOf(s), s.failedLogins(),
                        Double.isNaN(s.risk()) ? null : s.risk()))
                .toList();
        String identity = pattern.id() + "|" + key + "|"
                + String.join(",", sessions.stream().map(SessionSummary::sessionId).toList());
        return new Finding(
                Finding.VERSION,
                UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString(),
                pattern.id(),
                pattern.title(),
                pattern.severity().wireName(),
                pattern.owaspId(),
                key,
                sessions.stream().mapToLong(SessionSummary::startedAt).min().orElseThrow(),
                sessions.stream().mapToLong(SessionSummary::endedAt).max().orElseThrow(),
                detectedAt,
                evidence,
                sessions.stream().flatMap(s -> s.clientIps().stream()).distinct().sorted().toList(),
                sessions.stream().map(s -> s.network().prefix()).filter(Objects::nonNull).distinct().sorted().toList(),
                sessions.stream().map(s -> s.network().asn()).filter(a -> a != 0).distinct().sorted().toList(),
                evidence.stream().flatMap(e -> e.skus().stream()).distinct().sorted().toList(),
                new TreeMap<>(parameters.asText()));
    }
}
