package io.gavel.gateway;

import org.agrona.concurrent.status.AtomicCounter;

import java.util.Arrays;

/**
 * In-engine latency of every answered command, from the ingress stamping it to the egress sending its answer, as
 * percentiles published to Aeron counters, so {@code gavel stats} shows them live.
 *
 * <p>The figures cover the commands answered in the current wall-clock second and the one before it (so about the
 * last second, never more than two), and are published at most every {@value #PUBLISH_GAP_MS} ms, together with when
 * the last of them was answered ({@code updated}, epoch ms): a reader shows nothing once that is more than a second
 * ago, since a quiet engine publishes nothing. A log-linear histogram of fixed buckets (32 per power of two, about 3 %
 * wide) that also keeps the largest value recorded in each bucket: a percentile reports that value, one that was
 * measured, never a bucket's limit. Allocation-free and single-threaded (the egress thread).
 */
final class LatencyRecorder
{
    static final long PUBLISH_GAP_MS = 100;
    private static final int SUB_BITS = 5;
    private static final int SUB_BUCKETS = 1 << SUB_BITS;
    private static final int BUCKETS = 64 * SUB_BUCKETS;
    private static final long SECOND_NANOS = 1_000_000_000L;
    private static final long PUBLISH_GAP_NANOS = PUBLISH_GAP_MS * 1_000_000L;

    /** Index 0 and 1: the two seconds of the window, alternating; {@link #current} is the one now filling. */
    private final long[][] counts = {new long[BUCKETS], new long[BUCKETS]};
    private final long[][] highest = {new long[BUCKETS], new long[BUCKETS]};
    private final long[] totals = new long[2];
    private final long[] maxima = new long[2];
    private final AtomicCounter p50;
    private final AtomicCounter p99;
    private final AtomicCounter p999;
    private final AtomicCounter max;
    private final AtomicCounter updated;
    private int current;
    private long second = Long.MIN_VALUE;
    private long lastPublished = Long.MIN_VALUE / 2;

    LatencyRecorder(final AtomicCounter p50, final AtomicCounter p99, final AtomicCounter p999,
        final AtomicCounter max, final AtomicCounter updated)
    {
        this.p50 = p50;
        this.p99 = p99;
        this.p999 = p999;
        this.max = max;
        this.updated = updated;
    }

    /** Records a command's latency, answered at {@code now} (epoch ns); publishes if the last publication is old. */
    void record(final long latencyNanos, final long now)
    {
        roll(Math.floorDiv(now, SECOND_NANOS));
        final long value = Math.max(1, latencyNanos);
        final int bucket = bucketOf(value);
        counts[current][bucket]++;
        if (value > highest[current][bucket])
        {
            highest[current][bucket] = value;
        }
        totals[current]++;
        maxima[current] = Math.max(maxima[current], value);
        if (now - lastPublished >= PUBLISH_GAP_NANOS)
        {
            publish(now);
        }
    }

    /** Moves the window to {@code nowSecond}: the second before it stays, older ones go. */
    private void roll(final long nowSecond)
    {
        if (nowSecond == second)
        {
            return;
        }
        final int previous = 1 - current;
        clear(previous);
        if (nowSecond != second + 1)
        {
            clear(current);
        }
        current = previous;
        second = nowSecond;
    }

    private void clear(final int index)
    {
        if (totals[index] != 0)
        {
            Arrays.fill(counts[index], 0);
            Arrays.fill(highest[index], 0);
            totals[index] = 0;
            maxima[index] = 0;
        }
    }

    static int bucketOf(final long value)
    {
        final int magnitude = 63 - Long.numberOfLeadingZeros(value);
        if (magnitude < SUB_BITS)
        {
            return (int)value;
        }
        final int sub = (int)((value >>> (magnitude - SUB_BITS)) & (SUB_BUCKETS - 1));
        return magnitude * SUB_BUCKETS + sub;
    }

    /** The largest value a bucket can hold. */
    static long upperBound(final int bucket)
    {
        final int magnitude = bucket / SUB_BUCKETS;
        if (magnitude < SUB_BITS)
        {
            return bucket;
        }
        final int sub = bucket % SUB_BUCKETS;
        return ((long)(SUB_BUCKETS + 1 + sub) << (magnitude - SUB_BITS)) - 1;
    }

    /**
     * The window's percentile: the largest value recorded in the bucket the percentile falls in, a measured value at
     * or above the exact answer and within the bucket's 3 %; 0 when nothing was recorded.
     */
    long percentile(final double percentile)
    {
        final long total = totals[0] + totals[1];
        if (total == 0)
        {
            return 0;
        }
        final long target = Math.max(1, (long)Math.ceil(total * percentile / 100.0));
        long seen = 0;
        for (int bucket = 0; bucket < BUCKETS; bucket++)
        {
            final long count = counts[0][bucket] + counts[1][bucket];
            seen += count;
            if (seen >= target && count > 0)
            {
                return Math.max(highest[0][bucket], highest[1][bucket]);
            }
        }
        return Math.max(maxima[0], maxima[1]);
    }

    private void publish(final long now)
    {
        p50.setRelease(percentile(50));
        p99.setRelease(percentile(99));
        p999.setRelease(percentile(99.9));
        max.setRelease(Math.max(maxima[0], maxima[1]));
        // Last, so a reader that sees the new time sees the figures that go with it.
        updated.setRelease(now / 1_000_000L);
        lastPublished = now;
    }
}
