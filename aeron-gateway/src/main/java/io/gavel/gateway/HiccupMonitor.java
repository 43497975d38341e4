package io.gavel.gateway;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The machine's hiccups, live beside the engine's own latency: a thread that asks to sleep 1 ms at a time and records
 * how late it woke (jHiccup's method), published as the last second's p50/p99/p99.9/max in the engine's counters
 * ({@code gavel stats}). A stall of the kernel, the hypervisor or the JVM delays every thread, this one too, so an
 * operator who sees the in-engine latency jump can tell at once whether the machine jumped with it. It costs a
 * thousand short wake-ups a second and allocates nothing.
 * <p>
 * The sleeping thread only measures, into a ring of its own; the counters are written by {@link #publisher()}, an
 * agent in the engine's duty cycle. The counters live in the media driver's file, which the Aeron client unmaps when
 * it closes (a driver that stops answering closes it at once): a thread of its own writing them then would write into
 * unmapped memory and bring the JVM down. On the low-core layout's one thread the client's conductor runs in the
 * same duty cycle, before the publisher, so a client that closed in this cycle has closed its counters by the time
 * the publisher looks ({@code isClosed}) and nothing is written.
 */
final class HiccupMonitor implements AutoCloseable
{
    static final long SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Samples the ring holds: a second of them; a duty cycle that falls further behind keeps the newest. */
    private static final int RING = 1024;

    private final long[] ring = new long[RING];
    private final AtomicLong produced = new AtomicLong();
    private final LatencyRecorder recorder;
    /** Closed, with the rest of the client's resources, before the client unmaps the driver's file. */
    private final io.aeron.Counter updated;
    private final EpochNanoClock clock;
    private final Thread thread;
    private volatile boolean running = true;
    /** How many samples the publisher has taken (its thread only). */
    private long consumed;

    private HiccupMonitor(final EngineCounters counters, final EpochNanoClock clock)
    {
        this.recorder = new LatencyRecorder(counters.hiccupP50, counters.hiccupP99, counters.hiccupP999,
            counters.hiccupMax, counters.hiccupUpdated);
        this.updated = counters.hiccupUpdated;
        this.clock = clock;
        this.thread = new Thread(this::run, "gavel-hiccups");
        thread.setDaemon(true);
    }

    /** Starts measuring; the engine's duty cycle publishes through {@link #publisher()}. */
    static HiccupMonitor start(final EngineCounters counters)
    {
        final HiccupMonitor monitor = new HiccupMonitor(counters, EngineClocks.epoch());
        monitor.thread.start();
        return monitor;
    }

    private void run()
    {
        long count = 0;
        while (running)
        {
            final long before = System.nanoTime();
            LockSupport.parkNanos(SLEEP_NANOS);
            ring[(int)(count & (RING - 1))] = Math.max(0, System.nanoTime() - before - SLEEP_NANOS);
            produced.lazySet(++count);
        }
    }

    /** The agent that moves the measured samples into the counters, on the engine's duty-cycle thread. */
    Agent publisher()
    {
        return new Agent()
        {
            public int doWork()
            {
                return publish();
            }

            public String roleName()
            {
                return "hiccup-publisher";
            }
        };
    }

    /** Records the samples measured since the last call; returns how many. */
    int publish()
    {
        final long available = produced.get();
        if (available == consumed || updated.isClosed())
        {
            return 0;
        }
        // A sample the sleeping thread may be overwriting is not read: the newest RING - 1 at most.
        long next = Math.max(consumed, available - (RING - 1));
        final long now = clock.nanoTime();
        int taken = 0;
        for (; next < available; next++, taken++)
        {
            recorder.record(ring[(int)(next & (RING - 1))], now);
        }
        consumed = available;
        return taken;
    }

    /** Stops the sleeping thread and waits for it. */
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
