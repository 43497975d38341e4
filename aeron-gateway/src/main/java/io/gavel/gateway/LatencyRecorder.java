package io.gavel.gateway;

import org.agrona.concurrent.status.AtomicCounter;

/**
 * In-engine latency of every answered command, from the ingress stamping it to the egress sending its answer, as
 * percentiles over the last second published to Aeron counters, so {@code gavel stats} shows them live. A log-linear
 * histogram of fixed buckets (8 per power of two, about 12 % resolution): allocation-free and single-threaded (the
 * egress thread).
 */
final class LatencyRecorder
{
    private static final int SUB_BUCKETS = 8;
    private static final int SUB_BITS = 3;
    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final long[] counts = new long[64 * SUB_BUCKETS];
    private final AtomicCounter p50;
    private final AtomicCounter p99;
    private final AtomicCounter p999;
    private final AtomicCounter max;
    private long total;
    private long maxValue;
    private long intervalStart;

    LatencyRecorder(final AtomicCounter p50, final AtomicCounter p99, final AtomicCounter p999,
        final AtomicCounter max)
    {
        this.p50 = p50;
        this.p99 = p99;
        this.p999 = p999;
        this.max = max;
    }

    /** Records one command's latency; publishes and starts a new interval once a second has passed. */
    void record(final long latencyNanos, final long now)
    {
        final long value = Math.max(1, latencyNanos);
        counts[bucketOf(value)]++;
        total++;
        maxValue = Math.max(maxValue, value);
        if (intervalStart == 0)
        {
            intervalStart = now;
        }
        else if (now - intervalStart >= INTERVAL_NANOS)
        {
            publish();
            intervalStart = now;
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

    /** The largest value a bucket holds (what a percentile reports: never optimistic). */
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

    long percentile(final double percentile)
    {
        final long target = (long)Math.ceil(total * percentile / 100.0);
        long seen = 0;
        for (int bucket = 0; bucket < counts.length; bucket++)
        {
            seen += counts[bucket];
            if (seen >= target && counts[bucket] > 0)
            {
                return Math.min(upperBound(bucket), maxValue);
            }
        }
        return maxValue;
    }

    private void publish()
    {
        if (total > 0)
        {
            p50.setRelease(percentile(50));
            p99.setRelease(percentile(99));
            p999.setRelease(percentile(99.9));
            max.setRelease(maxValue);
        }
        java.util.Arrays.fill(counts, 0);
        total = 0;
        maxValue = 0;
    }
}
