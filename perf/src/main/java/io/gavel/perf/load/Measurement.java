package io.gavel.perf.load;

import org.HdrHistogram.Histogram;

/**
 * What one measured window found: latency in nanoseconds from each message's intended send time to its answer.
 */
public final class Measurement
{
    public final Histogram latency = new Histogram(60_000_000_000L, 3);
    /** How late the harness's sender sent each bid after its intended time (included in {@link #latency}). */
    public final Histogram sendLateness = new Histogram(60_000_000_000L, 3);
    /** How late the machine woke a thread sleeping 1 ms at a time in the window ({@link HiccupMeter}). */
    public final Histogram hiccups = new Histogram(60_000_000_000L, 3);
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
    /**
     * Page faults the engine's bid thread took in the window, as the engine counts them (about once a second, so
     * the edges are a second wide); -1 where the engine does not count them (pretouching off, no such counter).
     */
    public long bidThreadFaults = -1;
    /** Subscribers the engine dropped as too slow during the run (the load session among them, if not 0). */
    public long subscribersDropped;

    /** The slowest answer (ns) to a bid due in each second of the window, when sized ({@link #sizeSeconds}). */
    private long[] worstBySecond = new long[0];

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

    /** Keeps the slowest answer of each of the window's {@code count} seconds (sized before the window opens). */
    void sizeSeconds(final int count)
    {
        worstBySecond = new long[count];
    }

    /** Notes an answer to a bid due {@code second} seconds into the window; allocates nothing. */
    void noteSecond(final long second, final long latencyNanos)
    {
        if (second >= 0 && second < worstBySecond.length && latencyNanos > worstBySecond[(int)second])
        {
            worstBySecond[(int)second] = latencyNanos;
        }
    }

    /**
     * The {@code count} seconds of the window whose slowest answer took longest, worst first, as
     * {@code "+37 s 14.2 ms"}: whether a tail is spread over the window or comes from a few stalls, and when.
     */
    public String worstSeconds(final int count)
    {
        final Integer[] order = new Integer[worstBySecond.length];
        for (int i = 0; i < order.length; i++)
        {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compare(worstBySecond[b], worstBySecond[a]));
        final StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(count, order.length); i++)
        {
            out.append(i == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "+%d s %.1f ms", order[i],
                worstBySecond[order[i]] / 1e6));
        }
        return out.toString();
    }

    /** Seconds of the window whose slowest answer took longer than {@code nanos}. */
    public int secondsOver(final long nanos)
    {
        int over = 0;
        for (final long worst : worstBySecond)
        {
            over += worst > nanos ? 1 : 0;
        }
        return over;
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
