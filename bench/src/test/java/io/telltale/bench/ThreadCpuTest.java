package io.telltale.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

    @Test
    void aThreadStartedAfterTheSnapshotIsCountedAndAnExcludedOneIsNot() throws Exception {
        Set<Long> existing = ThreadCpu.liveThreadIds();
        ThreadCpu before = ThreadCpu.sample();
        CountDownLatch busyDone = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong ownCpu = new AtomicLong();
        AtomicLong sinkHole = new AtomicLong();
        Thread worker = new Thread(() -> {
            java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long sink = 0;
            while (threads.getCurrentThreadCpuTime() < 50_000_000L) {
                for (int i = 0; i < 100_000; i++) {
                    sink += i ^ sink;
                }
            }
            sinkHole.set(sink); // keeps the loop from being optimised away
            ownCpu.set(threads.getCurrentThreadCpuTime());
            busyDone.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "thread-cpu-test-worker");
        worker.start();
        busyDone.await();
        ThreadCpu after = ThreadCpu.sample();
        release.countDown();
        worker.join();

        Set<Long> alsoWorker = new HashSet<>(existing);
        alsoWorker.add(worker.getId());
        long withWorker = after.nanosSince(before, existing);
        long withoutWorker = after.nanosSince(before, alsoWorker);

        assertThat(after.threadNanos()).containsKey(worker.getId());
        assertThat(withWorker - withoutWorker).isEqualTo(after.threadNanos().get(worker.getId()));
        assertThat(withWorker).isGreaterThanOrEqualTo(ownCpu.get());
        assertThat(withoutWorker).isGreaterThanOrEqualTo(0);
    }
}
