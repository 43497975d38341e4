package io.gavel.gateway;

import org.agrona.concurrent.EpochNanoClock;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The machine's hiccups, live beside the engine's own latency: a thread that asks to sleep 1 ms at a time and records
 * how late it woke (jHiccup's method), published as the last second's p50/p99/p99.9/max in the engine's counters
 * ({@code gavel stats}). A stall of the kernel, the hypervisor or the JVM delays every thread, this one too, so an
 * operator who sees the in-engine latency jump can tell at once whether the machine jumped with it. It costs a
 * thousand short wake-ups a second and allocates nothing.
 */
final class HiccupMonitor implements AutoCloseable
{
    static final long SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final LatencyRecorder recorder;
    private final EpochNanoClock clock;
    private final Thread thread;
    private volatile boolean running = true;

    private HiccupMonitor(final EngineCounters counters, final EpochNanoClock clock)
    {
        this.recorder = new LatencyRecorder(counters.hiccupP50, counters.hiccupP99, counters.hiccupP999,
            counters.hiccupMax, counters.hiccupUpdated);
        this.clock = clock;
        this.thread = new Thread(this::run, "gavel-hiccups");
        thread.setDaemon(true);
    }

    /** Starts measuring into the engine's hiccup counters. */
    static HiccupMonitor start(final EngineCounters counters)
    {
        final HiccupMonitor monitor = new HiccupMonitor(counters, EngineClocks.epoch());
        monitor.thread.start();
        return monitor;
    }

    private void run()
    {
        while (running)
        {
            final long before = System.nanoTime();
            LockSupport.parkNanos(SLEEP_NANOS);
            final long late = System.nanoTime() - before - SLEEP_NANOS;
            recorder.record(Math.max(0, late), clock.nanoTime());
        }
    }

    /** Stops the thread and waits for it, so the counters it writes can be closed. */
    public void close()
    {
        running = false;
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
