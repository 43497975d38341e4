package io.gavel.perf.load;

import io.gavel.gateway.JvmCounters;
import org.agrona.concurrent.status.CountersReader;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * What the machine did in a measured window besides answering bids: collections and allocation of this JVM (engine
 * and harness, and the driver when it is embedded), the harness's own threads' CPU and allocation, a standalone
 * driver's JVM figures (from its {@link JvmCounters}), and the load average. {@link #start()} is called on the sender
 * thread as the window opens, so it allocates nothing once constructed.
 */
final class WindowStats
{
    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean)ManagementFactory.getOperatingSystemMXBean();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final CountersReader counters;
    private final long[] harnessThreads;
    private final long[] harnessCpu;
    private final long[] harnessAllocated;
    private final long[] harnessCpuEnd;
    private final long[] harnessAllocatedEnd;
    private long wallNanos;
    private long processCpu;
    private long allocated;
    private long gcCount;
    private long gcMillis;
    private double loadAverage;
    private JvmCounters.Figures driver;
    private long[] allThreads;
    private long[] allAllocated;
    private final LongSupplier bidThreadFaults;
    private long faultsAtStart;

    /**
     * Watches the harness threads given by id, a standalone driver's counters when {@code counters} has them, and the
     * engine's count of its bid thread's page faults (-1 where it does not count them).
     */
    WindowStats(final CountersReader counters, final LongSupplier bidThreadFaults, final long... harnessThreads)
    {
        this.counters = counters;
        this.bidThreadFaults = bidThreadFaults;
        this.harnessThreads = harnessThreads.clone();
        harnessCpu = new long[harnessThreads.length];
        harnessAllocated = new long[harnessThreads.length];
        harnessCpuEnd = new long[harnessThreads.length];
        harnessAllocatedEnd = new long[harnessThreads.length];
        java.util.Arrays.fill(harnessCpuEnd, -1);
    }

    /** Called by harness thread {@code slot} (in the constructor's order) as it ends: a dead thread has no figures. */
    void threadEnds(final int slot)
    {
        harnessAllocatedEnd[slot] = allocatedBy(harnessThreads[slot]);
        harnessCpuEnd[slot] = threads.getThreadCpuTime(harnessThreads[slot]);
    }

    /** A thread's allocated bytes; the current thread's own figure is read without allocating a query array. */
    private long allocatedBy(final long threadId)
    {
        return threadId == Thread.currentThread().getId() ? threads.getCurrentThreadAllocatedBytes() :
            threads.getThreadAllocatedBytes(threadId);
    }

    /** Readings as the window opens. */
    void start()
    {
        // Whatever these readings allocate (the counters' labels) is read first, so it is not counted as the window's.
        driver = JvmCounters.read(counters, DriverProcess.COUNTERS);
        faultsAtStart = bidThreadFaults.getAsLong();
        loadAverage = os.getSystemLoadAverage();
        gcCount = collections();
        gcMillis = collectionMillis();
        processCpu = os.getProcessCpuTime();
        wallNanos = System.nanoTime();
        allThreads = threads.getAllThreadIds();
        allAllocated = threads.getThreadAllocatedBytes(allThreads);
        allocated = threads.getTotalThreadAllocatedBytes();
        // The calling thread's own baseline last, so reading the others is not counted as its allocation.
        int self = -1;
        for (int i = 0; i < harnessThreads.length; i++)
        {
            if (harnessThreads[i] == Thread.currentThread().getId())
            {
                self = i;
                continue;
            }
            harnessCpu[i] = threads.getThreadCpuTime(harnessThreads[i]);
            harnessAllocated[i] = threads.getThreadAllocatedBytes(harnessThreads[i]);
        }
        if (self >= 0)
        {
            harnessCpu[self] = threads.getCurrentThreadCpuTime();
            harnessAllocated[self] = threads.getCurrentThreadAllocatedBytes();
        }
    }

    /** Readings as the window closes (its threads may have ended: their last figures then count as zero). */
    void end(final Measurement into)
    {
        long cpu = 0;
        long bytes = 0;
        for (int i = 0; i < harnessThreads.length; i++)
        {
            if (harnessCpuEnd[i] < 0)
            {
                threadEnds(i);
            }
            cpu += Math.max(0, harnessCpuEnd[i] - harnessCpu[i]);
            bytes += Math.max(0, harnessAllocatedEnd[i] - harnessAllocated[i]);
            into.harnessAllocatedByThread[Math.min(i, into.harnessAllocatedByThread.length - 1)] +=
                Math.max(0, harnessAllocatedEnd[i] - harnessAllocated[i]);
        }
        final long allocatedAfter = threads.getTotalThreadAllocatedBytes();
        final long[] allAfter = threads.getThreadAllocatedBytes(allThreads);
        final java.lang.management.ThreadInfo[] infos = threads.getThreadInfo(allThreads);
        final StringBuilder top = new StringBuilder();
        for (int i = 0; i < allThreads.length; i++)
        {
            final long bytes1 = allAfter[i] - allAllocated[i];
            if (infos[i] != null && allAfter[i] >= 0 && bytes1 >= 1_000_000)
            {
                top.append(top.length() == 0 ? "" : ", ").append(infos[i].getThreadName()).append(' ')
                    .append(String.format(java.util.Locale.ROOT, "%.1f MB", bytes1 / 1e6));
            }
        }
        into.allocatingThreads = top.toString();
        final double seconds = (System.nanoTime() - wallNanos) / 1e9;
        final double capacity = seconds * Runtime.getRuntime().availableProcessors() * 1e9;
        into.harnessCpuShare = cpu / capacity;
        into.harnessAllocatedBytes = bytes;
        into.processCpuShare = (os.getProcessCpuTime() - processCpu) / capacity;
        into.allocationMBPerSecond = (allocatedAfter - allocated) / 1e6 / seconds;
        into.gcCount = collections() - gcCount;
        into.gcMillis = collectionMillis() - gcMillis;
        into.loadAverageStart = loadAverage;
        into.loadAverageEnd = os.getSystemLoadAverage();
        final long faultsAfter = bidThreadFaults.getAsLong();
        // A count that went back belongs to another thread (the engine's writer changed): not a figure.
        into.bidThreadFaults = faultsAtStart < 0 || faultsAfter < faultsAtStart ? -1 : faultsAfter - faultsAtStart;
        final JvmCounters.Figures after = JvmCounters.read(counters, DriverProcess.COUNTERS);
        if (driver != null && after != null)
        {
            into.driverJvm = true;
            into.driverAllocationMBPerSecond = (after.allocatedBytes() - driver.allocatedBytes()) / 1e6 / seconds;
            into.driverGcCount = after.gcCount() - driver.gcCount();
            into.driverGcMillis = after.gcMillis() - driver.gcMillis();
            into.driverCpuShare = (after.cpuNanos() - driver.cpuNanos()) / capacity;
        }
    }

    private long collections()
    {
        long count = 0;
        for (int i = 0; i < collectors.size(); i++)
        {
            count += Math.max(0, collectors.get(i).getCollectionCount());
        }
        return count;
    }

    private long collectionMillis()
    {
        long millis = 0;
        for (int i = 0; i < collectors.size(); i++)
        {
            millis += Math.max(0, collectors.get(i).getCollectionTime());
        }
        return millis;
    }
}
