package io.gavel.gateway;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

/**
 * Named idle and wait strategies. On a two-core machine a busy-spinning thread per stage starves the rest, so the
 * defaults back off; {@code busy-spin} is for benchmarks on dedicated cores that say so.
 */
public final class IdleStrategies
{
    public static final String BUSY_SPIN = "busy-spin";
    public static final String YIELDING = "yielding";
    public static final String BACKOFF = "backoff";
    public static final String SLEEPING = "sleeping";
    /** Spins, then parks; never calls {@code sched_yield} (see {@link #idle(String)}). */
    public static final String PARK = "park";
    public static final String BLOCKING = "blocking";

    private IdleStrategies()
    {
    }

    /**
     * An Agrona idle strategy for agents: busy-spin, yielding, backoff, park or sleeping. {@code park} is
     * {@code backoff} without its yields: on a kernel with the EEVDF scheduler (Linux 6.6 and later) every
     * {@code sched_yield} pushes the yielding thread's deadline back by a slice, so a thread that idles by yielding
     * can be passed over for tens of milliseconds once it has work (docs/PERFORMANCE.md).
     */
    public static IdleStrategy idle(final String name)
    {
        switch (name)
        {
            case BUSY_SPIN:
                return new BusySpinIdleStrategy();
            case YIELDING:
                return new YieldingIdleStrategy();
            case BACKOFF:
                return new BackoffIdleStrategy(10, 20, 1_000, 100_000);
            case PARK:
                return new BackoffIdleStrategy(100, 0, 1_000, 100_000);
            case SLEEPING:
                return new SleepingMillisIdleStrategy(1);
            default:
                throw new IllegalArgumentException("unknown idle strategy '" + name +
                    "' (busy-spin, yielding, backoff, park, sleeping)");
        }
    }

    /** A Disruptor wait strategy for ring handlers: busy-spin, yielding, sleeping or blocking. */
    public static WaitStrategy wait(final String name)
    {
        switch (name)
        {
            case BUSY_SPIN:
                return new BusySpinWaitStrategy();
            case YIELDING:
                return new YieldingWaitStrategy();
            case SLEEPING:
            case BACKOFF:
                return new SleepingWaitStrategy(100, 10_000);
            case BLOCKING:
                return new BlockingWaitStrategy();
            default:
                throw new IllegalArgumentException("unknown wait strategy '" + name +
                    "' (busy-spin, yielding, sleeping, blocking)");
        }
    }
}
