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
    /** Of the rejections: RATE_LIMITED (the session's rate limit) and BUSY (a full ring; never from a cluster). */
    public long rateLimited;
    public long busy;
    public long unanswered;
    /** Bids the sender gave up offering (the ingress publication stayed back-pressured or closed); in unanswered. */
    public long notSent;
    public double seconds;
    public long gcCount;
    public long gcMillis;
    /** Allocation of this JVM (engine and harness; the driver too when it is embedded) in the window. */
    public double allocationMBPerSecond;
    /** Threads of this JVM that allocated 1 MB or more in the window, with their megabytes. */
    public String allocatingThreads = "";
    /** CPU used in the window as a share of all the machine's cores: the harness's threads, this whole JVM. */
    public double harnessCpuShare;
    public double processCpuShare;
    /** Bytes the harness's own threads (sender, receiver, progress) allocated in the window: 0 is the goal. */
    public long harnessAllocatedBytes;
    /** The same by thread: sender, receiver, the thread that watches the run. */
    public final long[] harnessAllocatedByThread = new long[3];
    /** A standalone driver's JVM in the window, when it publishes its figures (driver process or gavel driver). */
    public boolean driverJvm;
    public double driverAllocationMBPerSecond;
    public long driverGcCount;
    public long driverGcMillis;
    public double driverCpuShare;
    /** The machine's one-minute load average as the window opened and closed. */
    public double loadAverageStart;
    public double loadAverageEnd;
    /** Subscribers the engine dropped as too slow during the run (the load session among them, if not 0). */
    public long subscribersDropped;

    /** When the window's first bid was due, and when its last answer came (System.nanoTime). */
    public long windowStartNanos;
    public long lastAnswerNanos;

    /**
     * Answers a second over the time they took to come: from the window's first due time to its last answer (the
     * window's length at least). Below the offered rate when a backlog built up and drained after the sending ended.
     */
    public double drainedThroughput()
    {
        final double span = Math.max(seconds, (lastAnswerNanos - windowStartNanos) / 1e9);
        return span == 0 ? 0 : answered / span;
    }

    /** Counts one rejection in the measured window, by its reason. */
    void count(final io.gavel.sbe.RejectReason reason)
    {
        rejections++;
        if (reason == io.gavel.sbe.RejectReason.RATE_LIMITED)
        {
            rateLimited++;
        }
        else if (reason == io.gavel.sbe.RejectReason.BUSY)
        {
            busy++;
        }
    }

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
