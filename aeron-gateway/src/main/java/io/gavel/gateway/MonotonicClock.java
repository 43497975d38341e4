package io.gavel.gateway;

import org.agrona.concurrent.EpochNanoClock;

/**
 * Engine time never runs backwards, even if the wall clock is stepped back: each reading is at least the last one.
 * The core's deadlines depend on it.
 */
final class MonotonicClock implements EpochNanoClock
{
    private final EpochNanoClock wallClock;
    private long last;

    MonotonicClock(final EpochNanoClock wallClock)
    {
        this.wallClock = wallClock;
    }

    public long nanoTime()
    {
        final long now = wallClock.nanoTime();
        if (now > last)
        {
            last = now;
        }
        return last;
    }
}
