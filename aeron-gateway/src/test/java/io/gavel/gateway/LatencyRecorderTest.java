package io.gavel.gateway;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's own latency figures: percentiles of the last one to two wall-clock seconds that are values actually
 * measured (never a bucket's limit), within 3 % above the exact answer, published with when they were last updated so
 * a reader can tell a quiet engine's old figures from live ones.
 */
class LatencyRecorderTest
{
    private static final long SECOND = 1_000_000_000L;
    private static final long MILLI = 1_000_000L;
    private static final long T0 = 1_800_000_000L * SECOND;

    private final UnsafeBuffer values = new UnsafeBuffer(new byte[8 * 1024]);
    private final AtomicCounter p50 = new AtomicCounter(values, 0);
    private final AtomicCounter p99 = new AtomicCounter(values, 1);
    private final AtomicCounter p999 = new AtomicCounter(values, 2);
    private final AtomicCounter max = new AtomicCounter(values, 3);
    private final AtomicCounter updated = new AtomicCounter(values, 4);
    private final LatencyRecorder recorder = new LatencyRecorder(p50, p99, p999, max, updated);

    @Test
    void bucketsCoverEveryValue()
    {
        for (long value = 1; value < 10_000_000_000L; value = value * 3 / 2 + 1)
        {
            final int bucket = LatencyRecorder.bucketOf(value);
            final long upper = LatencyRecorder.upperBound(bucket);
            assertTrue(upper >= value, value + " above its bucket's bound " + upper);
            assertTrue(upper <= value + value / 32 + 1, value + " bound too loose: " + upper);
        }
    }

    @Test
    void percentilesAreMeasuredValuesCloseAboveTheExactAnswer()
    {
        final long[] latencies = new long[100_000];
        final Random random = new Random(3);
        for (int i = 0; i < latencies.length; i++)
        {
            latencies[i] = 1_000 + random.nextInt(1_000_000);
            recorder.record(latencies[i], T0 + i);
        }
        final long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        for (final double p : new double[]{50, 99, 99.9})
        {
            final long exact = sorted[(int)Math.ceil(sorted.length * p / 100.0) - 1];
            final long reported = recorder.percentile(p);
            assertTrue(reported >= exact && reported <= exact + exact / 32 + 1, p + ": " + reported + " vs " + exact);
            assertTrue(Arrays.binarySearch(sorted, reported) >= 0, p + ": " + reported + " was never measured");
        }
        assertEquals(sorted[sorted.length - 1], recorder.percentile(100));
    }

    @Test
    void publishedAtOnceWhenQuietThenAtMostEveryHundredMilliseconds()
    {
        // 1048575 and 5242879 are bucket limits: the old recorder reported them rather than what was measured.
        recorder.record(1_000_123, T0);
        assertEquals(1_000_123, p50.get());
        assertEquals(1_000_123, max.get());
        assertEquals(T0 / MILLI, updated.get());

        recorder.record(5_000_000, T0 + 50 * MILLI);
        assertEquals(1_000_123, max.get(), "published again within 100 ms");
        recorder.record(1_000_000, T0 + 120 * MILLI);
        assertEquals(1_000_123, p50.get());
        assertEquals(5_000_000, p99.get());
        assertEquals(5_000_000, max.get());
        assertEquals(T0 / MILLI + 120, updated.get());
    }

    @Test
    void theWindowIsThisSecondAndTheOneBefore()
    {
        recorder.record(7_000_000, T0 + 900 * MILLI);
        recorder.record(2_000, T0 + SECOND + 100 * MILLI);
        assertEquals(7_000_000, max.get(), "the second before is still in the window");
        recorder.record(3_000, T0 + 2 * SECOND + 100 * MILLI);
        assertEquals(3_000, max.get(), "two seconds back is out of the window");
        assertEquals(2_000, p50.get());

        // Quiet for 25 s: the next command's figures are its own, not the old seconds'.
        recorder.record(4_000, T0 + 27 * SECOND + 100 * MILLI);
        assertEquals(4_000, p50.get());
        assertEquals(4_000, max.get());
        assertEquals((T0 + 27 * SECOND + 100 * MILLI) / MILLI, updated.get());
    }
}
