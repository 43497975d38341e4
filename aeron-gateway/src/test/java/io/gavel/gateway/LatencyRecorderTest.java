package io.gavel.gateway;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's own latency histogram: buckets cover every value, and percentiles are upper bounds within 12.5 % of
 * the exact answer.
 */
class LatencyRecorderTest
{
    @Test
    void bucketsCoverEveryValueAndBoundItFromAbove()
    {
        for (long value = 1; value < 10_000_000_000L; value = value * 3 / 2 + 1)
        {
            final int bucket = LatencyRecorder.bucketOf(value);
            final long upper = LatencyRecorder.upperBound(bucket);
            assertTrue(upper >= value, value + " above its bucket's bound " + upper);
            assertTrue(upper <= value + value / 8 + 1, value + " bound too loose: " + upper);
            if (bucket > 0)
            {
                assertTrue(LatencyRecorder.upperBound(bucket - 1) < value || bucket - 1 < 24 && bucket - 1 > 7,
                    "value " + value + " belongs to an earlier bucket");
            }
        }
    }

    @Test
    void percentilesAreCloseUpperBounds()
    {
        final LatencyRecorder recorder = new LatencyRecorder(new org.agrona.concurrent.status.AtomicCounter(
            new org.agrona.concurrent.UnsafeBuffer(new byte[1024]), 0), null, null, null);
        final long[] values = new long[100_000];
        final Random random = new Random(3);
        for (int i = 0; i < values.length; i++)
        {
            values[i] = 1_000 + random.nextInt(1_000_000);
            recorder.record(values[i], 1);
        }
        java.util.Arrays.sort(values);
        for (final double p : new double[]{50, 99, 99.9})
        {
            final long exact = values[(int)Math.ceil(values.length * p / 100.0) - 1];
            final long reported = recorder.percentile(p);
            assertTrue(reported >= exact && reported <= exact + exact / 8 + 1, p + ": " + reported + " vs " + exact);
        }
        assertEquals(values[values.length - 1], recorder.percentile(100));
    }
}
