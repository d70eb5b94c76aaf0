package io.territoryscorecard.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a piece of work cost, for the benchmark commands: wall time and the peak of the used heap (sampled every
 * 20 ms, after a GC before the start), with the work's result.
 */
public record Measured<T>(double seconds, long peakHeapBytes, T result) {

    /** Work to time. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws SQLException;
    }

    public static <T> Measured<T> of(Work<T> work) throws SQLException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        AtomicLong peak = new AtomicLong(memory.getHeapMemoryUsage().getUsed());
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "benchmark-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        long started = System.nanoTime();
        T result;
        try {
            result = work.run();
        } finally {
            sampler.interrupt();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        return new Measured<>(seconds, peak.get(), result);
    }
}
