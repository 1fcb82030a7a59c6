package io.telltale.bench;

import java.util.PriorityQueue;

/**
 * Live traffic from a workload's templates: sessions start at a steady rate and send each batch at
 * its own send time after their start, with event times of now, until a deadline. Load is steady
 * from the first second: sessions "already running" when the replay starts (started up to one
 * template length before) send only their remaining batches, and are marked as not counted.
 */
final class LiveReplay {

    /** Where a due batch goes. */
    interface Sender {
        /**
         * @param session index of the session (its id is {@link SessionTemplate#sessionIdBytes})
         * @param start   the session's start, epoch ms (event time base of its batches)
         * @param counted whether the session was started by the replay, not before it
         */
        void send(long session, SessionTemplate template, int index, long start, boolean counted);
    }

    private LiveReplay() {}

    /** Runs until {@code stopAt} (epoch ms); returns the number of sessions started. */
    static long run(Workload workload, double batchesPerSecond, long stopAt, Sender sender)
            throws InterruptedException {
        double meanBatches = workload.templates.stream().mapToInt(SessionTemplate::batchCount).average().orElse(1);
        double sessionsPerMs = batchesPerSecond / meanBatches / 1000.0;
        long epoch = System.currentTimeMillis();
        // Pending sends: {send time, session, batch index, session start, counted (1) or not (0)}.
        PriorityQueue<long[]> due = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
        long session = 0;
        long lead = Workload.TEMPLATE_LENGTH.toMillis();
        for (; session < lead * sessionsPerMs; session++) {
            long start = epoch - lead + (long) (session / sessionsPerMs);
            SessionTemplate template = workload.templateOf(session);
            int first = 0;
            while (first < template.batchCount() && start + template.batch(first).sentAfterMs() < epoch) {
                first++;
            }
            if (first < template.batchCount()) {
                due.add(new long[] {start + template.batch(first).sentAfterMs(), session, first, start, 0});
            }
        }
        long firstCounted = session;
        while (true) {
            long now = System.currentTimeMillis();
            if (now >= stopAt) {
                return session;
            }
            while (session - firstCounted < (now - epoch) * sessionsPerMs) {
                SessionTemplate template = workload.templateOf(session);
                due.add(new long[] {now + template.batch(0).sentAfterMs(), session, 0, now, 1});
                session++;
            }
            while (!due.isEmpty() && due.peek()[0] <= now) {
                long[] next = due.poll();
                SessionTemplate template = workload.templateOf(next[1]);
                int index = (int) next[2];
                sender.send(next[1], template, index, next[3], next[4] == 1);
                if (index + 1 < template.batchCount()) {
                    next[0] = next[3] + template.batch(index + 1).sentAfterMs();
                    next[2] = index + 1;
                    due.add(next);
                }
            }
            Thread.sleep(1);
        }
    }
}
