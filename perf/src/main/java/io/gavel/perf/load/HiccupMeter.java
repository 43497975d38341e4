package io.gavel.perf.load;

import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How late the machine wakes a thread that asks to sleep 1 ms (jHiccup's method): a stall of the operating system,
 * the hypervisor or the JVM delays every thread, this one too, while it costs the machine almost nothing (a thousand
 * wake-ups a second). Measured beside the load and beside the raw baseline, it tells a tail the engine caused from
 * one the machine imposed on everything that ran.
 */
final class HiccupMeter implements AutoCloseable
{
    private static final long SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Histogram hiccups;
    private final long fromNanos;
    private final Thread thread;
    private volatile boolean running = true;

    /** Starts a meter that records into {@code hiccups} the lateness of every wake-up at or after {@code fromNanos}. */
    HiccupMeter(final Histogram hiccups, final long fromNanos, final String name)
    {
        this.hiccups = hiccups;
        this.fromNanos = fromNanos;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run()
    {
        while (running)
        {
            final long before = System.nanoTime();
            LockSupport.parkNanos(SLEEP_NANOS);
            final long after = System.nanoTime();
            if (before >= fromNanos)
            {
                hiccups.recordValue(Math.max(0, after - before - SLEEP_NANOS));
            }
        }
    }

    /** Stops the meter and waits for its thread; the histogram is complete when this returns. */
    public void close() throws InterruptedException
    {
        running = false;
        thread.join();
    }
}
