package io.gavel.perf.load;

import org.HdrHistogram.Histogram;

/**
 * What one measured window found: latency in nanoseconds from each message's intended send time to its answer.
 */
public final class Measurement
{
    public final Histogram latency = new Histogram(60_000_000_000L, 3);
    public int rate;
    public long sent;
    public long answered;
    public long rejections;
    public long unanswered;
    public double seconds;
    public long gcCount;
    public long gcMillis;
    public double allocationMBPerSecond;

    public double throughput()
    {
        return seconds == 0 ? 0 : answered / seconds;
    }

    public double micros(final double percentile)
    {
        return latency.getValueAtPercentile(percentile) / 1_000.0;
    }

    public double maxMicros()
    {
        return latency.getMaxValue() / 1_000.0;
    }
}
