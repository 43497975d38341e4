package io.gavel.perf.load;

import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.locks.LockSupport;

/**
 * Sends at a fixed rate without waiting for answers (open loop): message i is due at {@code start + i * interval}
 * and is stamped with that intended time, so a stalled system is charged for every message it delayed, not only for
 * the first (no coordinated omission).
 */
final class OpenLoop
{
    /** Fills the buffer for message {@code index}; returns its length. */
    @FunctionalInterface
    interface Encoder
    {
        int encode(long index, UnsafeBuffer buffer);
    }

    private OpenLoop()
    {
    }

    /** Sends {@code count} messages; returns how many could not be sent (closed or never accepted). */
    static long run(final ExclusivePublication publication, final Encoder encoder, final UnsafeBuffer buffer,
        final long startNanos, final long intervalNanos, final long count, final java.util.function.LongConsumer sent,
        final boolean park, final Histogram lateness, final long recordFrom)
    {
        long failed = 0;
        for (long i = 0; i < count; i++)
        {
            final long due = startNanos + i * intervalNanos;
            long now;
            while ((now = System.nanoTime()) < due)
            {
                if (park)
                {
                    // Sleep until due: the thread wakes late by the timer slack (~50-60 us on Linux) and then sends
                    // every bid that fell due meanwhile, each stamped with its own due time, so the lateness is
                    // charged to the measured latency, and the harness takes little CPU from the engine.
                    LockSupport.parkNanos(due - now);
                }
                else if (due - now > 100_000)
                {
                    LockSupport.parkNanos(due - now - 80_000);
                }
                else
                {
                    // yield: near the due time, spin on Thread.yield (more precise, but a core's worth at 100k/s).
                    Thread.yield();
                }
            }
            if (i >= recordFrom)
            {
                // How late the harness itself sent: part of every latency it records, and none of the engine's doing.
                lateness.recordValue(now - due);
            }
            final int length = encoder.encode(i, buffer);
            long result;
            int attempts = 0;
            while ((result = publication.offer(buffer, 0, length)) < 0)
            {
                if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED || ++attempts > 10_000_000)
                {
                    failed++;
                    break;
                }
                Thread.onSpinWait();
            }
            sent.accept(i);
        }
        return failed;
    }
}
