package io.gavel.gateway;

import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.OffsetEpochNanoClock;

import java.util.concurrent.TimeUnit;

/**
 * The wall clock the bid path reads (engine time at the ingress, the answer's time at the egress): epoch nanoseconds
 * as {@code System.nanoTime()} from an offset taken from the wall clock and taken again every second, so engine time
 * follows the wall clock's adjustments to within a fraction of a millisecond.
 * <p>
 * Not {@code SystemEpochNanoClock}: it builds an {@code Instant} per reading, which the JIT usually removes, but not
 * always. In one 60 s load run of six the engine's thread allocated 144 MB in the window, one {@code Instant} per
 * command (a flight recording named {@code HighResolutionClock.epochNanos} -> {@code Instant.now}); it is also a call
 * into the VM on every duty cycle. This clock allocates nothing between its samples (one a second).
 */
final class EngineClocks
{
    /** How often the offset is taken again from the wall clock. */
    static final long RESAMPLE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int SAMPLE_ATTEMPTS = 100;
    /** A sample is kept when the wall-clock reading fell between two monotonic readings this close. */
    private static final long SAMPLE_THRESHOLD_NANOS = 250;

    private EngineClocks()
    {
    }

    /** A new clock for one engine's threads (thread-safe). */
    static EpochNanoClock epoch()
    {
        return new OffsetEpochNanoClock(SAMPLE_ATTEMPTS, SAMPLE_THRESHOLD_NANOS, RESAMPLE_NANOS);
    }
}
