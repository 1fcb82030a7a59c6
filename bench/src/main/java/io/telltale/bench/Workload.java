package io.telltale.bench;

import io.telltale.connectors.serde.CommerceEventSerde;
import io.telltale.core.scoring.ActionThresholds;
import io.telltale.core.scoring.HumanNormsModel;
import io.telltale.core.scoring.SessionScorer;
import io.telltale.core.wire.CommerceEvent;
import io.telltale.core.wire.CommerceEventType;
import io.telltale.job.TelltaleOptions;
import io.telltale.simulator.Actor;
import io.telltale.simulator.SimulatedSession;
import io.telltale.simulator.TrafficSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Realistic telemetry for the benchmarks: sessions simulated by the demo's {@link TrafficSimulator}
 * (people and every bot family, at the given bot share), kept as {@link SessionTemplate}s and
 * replayed under fresh session ids, so any number of concurrent sessions costs only the templates'
 * simulation.
 *
 * <p>{@link #forEachRecord} writes the sessions' batches in the order their browsers would send
 * them (by send time), all sessions starting within {@link #START_SPREAD}; so every session is
 * active at once, as in a busy shop, and batches are out of order in event time only by what a
 * batch spans, well inside the job's allowed lateness.
 */
final class Workload {

    /** Sessions start within this span, so they are all active at once. */
    static final Duration START_SPREAD = Duration.ofSeconds(10);
    /** Length of the simulated sessions; at 2–5 s per batch this is 20–40 batches. */
    static final Duration TEMPLATE_LENGTH = Duration.ofSeconds(120);

    final Parameters parameters;
    final List<SessionTemplate> templates;

    /**
     * @param sessions          concurrent sessions written
     * @param batchesPerSession batches of each session written (at most what its template has)
     * @param templates         distinct simulated sessions replayed
     * @param botShare          share of the templates driven by bots
     */
    record Parameters(long sessions, int batchesPerSession, int templates, double botShare, long seed) {
        Parameters withSessions(long count, int batches) {
            return new Parameters(count, batches, templates, botShare, seed);
        }
    }

    /** Where {@link #forEachRecord} writes. */
    interface RecordSink {
        /** @param sentAt when the browser sent the batch, epoch ms: the gateway would stamp about this */
        void accept(byte[] key, byte[] value, long sentAt);
    }

    /**
     * What a run of {@link #forEachRecord} wrote.
     *
     * @param commerce commerce events written, by type (empty when none were asked for)
     * @param scripts  sessions by what they do on the shop (empty when no commerce events were asked for)
     */
    record Totals(long sessions, long batches, long events, long bytes, Map<CommerceEventType, Long> commerce,
            Map<CommerceTraffic.Script, Long> scripts) {
        long commerceEvents() {
            return commerce.values().stream().mapToLong(Long::longValue).sum();
        }

        double eventsPerBatch() {
            return batches == 0 ? 0 : (double) events / batches;
        }
    }

    Workload(Parameters parameters, List<SessionTemplate> templates) {
        this.parameters = parameters;
        this.templates = templates;
    }

    /** Simulates the templates; the session length is fixed so every template has enough batches. */
    static Workload simulate(Parameters parameters, long startEpochMillis) {
        TrafficSimulator simulator = new TrafficSimulator(parameters.seed(), parameters.botShare());
        SessionScorer scorer = defaultScorer();
        List<SessionTemplate> templates = new ArrayList<>(parameters.templates());
        int maxBatches = Math.max(parameters.batchesPerSession(), 1);
        for (SimulatedSession session :
                simulator.nextSessions(startEpochMillis, parameters.templates(), TEMPLATE_LENGTH)) {
            if (!session.batches().isEmpty()) {
                templates.add(SessionTemplate.of(session, maxBatches, scorer));
            }
        }
        return new Workload(parameters, templates);
    }

    /** The job's scorer at its default thresholds, to find each template's threshold batch. */
    static SessionScorer defaultScorer() {
        return new SessionScorer(HumanNormsModel.standard(), new ActionThresholds(
                TelltaleOptions.CHALLENGE_THRESHOLD.defaultValue(), TelltaleOptions.BLOCK_THRESHOLD.defaultValue()));
    }

    SessionTemplate templateOf(long session) {
        return templates.get((int) (session % templates.size()));
    }

    /**
     * Hands every record to {@code sink} as (key, value, send time), sessions {@code firstSession} up to
     * {@code firstSession + parameters.sessions()}, in send order.
     */
    Totals forEachRecord(long firstSession, long startEpochMillis, RecordSink sink) {
        return forEachRecord(firstSession, startEpochMillis, sink, null);
    }

    /**
     * As above, and hands the sessions' commerce events ({@link CommerceTraffic}) as (key, JSON,
     * event time) to {@code commerceSink}, each right after the batch it goes with.
     */
    Totals forEachRecord(long firstSession, long startEpochMillis, RecordSink sink, RecordSink commerceSink) {
        CommerceTraffic commerceTraffic = new CommerceTraffic(parameters.seed());
        CommerceEventSerde commerceSerde = new CommerceEventSerde();
        Map<CommerceEventType, Long> commerce = new EnumMap<>(CommerceEventType.class);
        Map<CommerceTraffic.Script, Long> scripts = new EnumMap<>(CommerceTraffic.Script.class);
        Random random = new Random(parameters.seed() ^ firstSession);
        long spreadMs = START_SPREAD.toMillis();
        // One pending batch per session, by send time: a million sessions is a million entries.
        PriorityQueue<long[]> due = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        long[] starts = new long[Math.toIntExact(parameters.sessions())];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = startEpochMillis + (long) (random.nextDouble() * spreadMs);
            SessionTemplate template = templateOf(firstSession + i);
            if (commerceSink != null) {
                scripts.merge(commerceTraffic.scriptOf(firstSession + i, template), 1L, Long::sum);
            }
            due.add(new long[] {starts[i] + template.batch(0).sentAfterMs(), i, 0});
        }
        long batches = 0;
        long events = 0;
        long bytes = 0;
        while (!due.isEmpty()) {
            long[] next = due.poll();
            int i = (int) next[1];
            int index = (int) next[2];
            long session = firstSession + i;
            SessionTemplate template = templateOf(session);
            byte[] id = SessionTemplate.sessionIdBytes(session);
            byte[] value = template.render(index, id, starts[i]);
            sink.accept(id, value, next[0]);
            batches++;
            events += template.batch(index).events();
            bytes += value.length;
            int following = index + 1;
            int batchesOfSession = Math.min(template.batchCount(), parameters.batchesPerSession());
            if (commerceSink != null) {
                for (CommerceEvent event : commerceTraffic.at(session, template, index, batchesOfSession, starts[i])) {
                    commerceSink.accept(id, commerceSerde.serialize(event), event.time());
                    commerce.merge(event.type(), 1L, Long::sum);
                }
            }
            if (following < batchesOfSession) {
                next[0] = starts[i] + template.batch(following).sentAfterMs();
                next[2] = following;
                due.add(next);
            }
        }
        return new Totals(starts.length, batches, events, bytes, commerce, scripts);
    }

    /** Templates by who drives them. */
    Map<Actor, Integer> actorMix() {
        Map<Actor, Integer> mix = new EnumMap<>(Actor.class);
        for (SessionTemplate template : templates) {
            mix.merge(template.actor(), 1, Integer::sum);
        }
        return mix;
    }

    /** Share of templates challenged or blocked before their last batch. */
    double crossingShare() {
        return (double) templates.stream().filter(t -> t.thresholdBatch() >= 0).count() / templates.size();
    }
}
