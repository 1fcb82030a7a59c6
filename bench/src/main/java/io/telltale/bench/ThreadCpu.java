package io.telltale.bench;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * CPU time of this process split by thread, so that a part of the harness sharing the process with
 * the broker can be given its own cores busy. The JVM's own work (GC, JIT compilation) runs on
 * threads the JVM does not list; it is the process's CPU time less that of every listed thread.
 *
 * @param processNanos CPU time of the whole process
 * @param threadNanos  CPU time of each live Java thread, by thread id
 */
record ThreadCpu(long processNanos, Map<Long, Long> threadNanos) {

    private static com.sun.management.ThreadMXBean threads() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure CPU time per thread");
        }
        threads.setThreadCpuTimeEnabled(true);
        return threads;
    }

    static Set<Long> liveThreadIds() {
        return LongStream.of(threads().getAllThreadIds()).boxed().collect(Collectors.toUnmodifiableSet());
    }

    static ThreadCpu sample() {
        com.sun.management.ThreadMXBean threads = threads();
        long[] ids = threads.getAllThreadIds();
        long[] nanos = threads.getThreadCpuTime(ids);
        Map<Long, Long> byThread = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (nanos[i] >= 0) { // -1: the thread ended between the two calls
                byThread.put(ids[i], nanos[i]);
            }
        }
        return new ThreadCpu(MachineGauges.processCpuNanos(), Map.copyOf(byThread));
    }

    /**
     * CPU time since {@code earlier} of every thread except {@code excluded}, plus all of the JVM's
     * own work in between. A thread that ended in between is not counted (its time is lost to both
     * sides); one that started in between counts from its start.
     */
    long nanosSince(ThreadCpu earlier, Set<Long> excluded) {
        long listed = 0;
        long included = 0;
        for (Map.Entry<Long, Long> e : threadNanos.entrySet()) {
            long used = e.getValue() - earlier.threadNanos.getOrDefault(e.getKey(), 0L);
            listed += used;
            if (!excluded.contains(e.getKey())) {
                included += used;
            }
        }
        long jvmOwn = Math.max(0, (processNanos - earlier.processNanos) - listed);
        return included + jvmOwn;
    }
}
