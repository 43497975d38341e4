package io.gavel.gateway;

import io.aeron.Aeron;
import io.aeron.Counter;
import org.agrona.CloseHelper;
import org.agrona.concurrent.status.CountersReader;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * This JVM's allocation, collections and CPU time published as Aeron counters, so another process on the same
 * driver (the load harness) can tell what a standalone {@code gavel driver} allocated and how often it collected in
 * a measured window, without a JMX connection. A daemon thread refreshes them every 100 ms.
 */
public final class JvmCounters implements AutoCloseable
{
    /** Counter type id of these counters (Gavel's engine counters use 7701). */
    public static final int TYPE_ID = 7702;

    static final String ALLOCATED = ": allocated bytes";
    static final String GC_COUNT = ": gc collections";
    static final String GC_MILLIS = ": gc ms";
    static final String CPU_NANOS = ": process cpu ns";

    private final Counter allocated;
    private final Counter gcCount;
    private final Counter gcMillis;
    private final Counter cpuNanos;
    private final Thread updater;
    private volatile boolean running = true;

    private JvmCounters(final Aeron aeron, final String name)
    {
        allocated = aeron.addCounter(TYPE_ID, name + ALLOCATED);
        gcCount = aeron.addCounter(TYPE_ID, name + GC_COUNT);
        gcMillis = aeron.addCounter(TYPE_ID, name + GC_MILLIS);
        cpuNanos = aeron.addCounter(TYPE_ID, name + CPU_NANOS);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean)ManagementFactory.getOperatingSystemMXBean();
        final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
        updater = new Thread(() ->
        {
            while (running)
            {
                long count = 0;
                long millis = 0;
                for (int i = 0; i < collectors.size(); i++)
                {
                    count += Math.max(0, collectors.get(i).getCollectionCount());
                    millis += Math.max(0, collectors.get(i).getCollectionTime());
                }
                allocated.setOrdered(threads.getTotalThreadAllocatedBytes());
                gcCount.setOrdered(count);
                gcMillis.setOrdered(millis);
                cpuNanos.setOrdered(os.getProcessCpuTime());
                try
                {
                    Thread.sleep(100);
                }
                catch (final InterruptedException ex)
                {
                    return;
                }
            }
        }, name + "-jvm-counters");
        updater.setDaemon(true);
        updater.start();
    }

    /** Starts publishing this JVM's figures under {@code name} through {@code aeron}. */
    public static JvmCounters start(final Aeron aeron, final String name)
    {
        return new JvmCounters(aeron, name);
    }

    /** The latest figures another JVM published under {@code name}, or null when none are there. */
    public static Figures read(final CountersReader counters, final String name)
    {
        final long[] values = {-1, -1, -1, -1};
        counters.forEach((counterId, typeId, keyBuffer, label) ->
        {
            if (typeId == TYPE_ID && label.startsWith(name + ": "))
            {
                final String what = label.substring(name.length());
                final long value = counters.getCounterValue(counterId);
                values[ALLOCATED.equals(what) ? 0 : GC_COUNT.equals(what) ? 1 : GC_MILLIS.equals(what) ? 2 : 3] =
                    value;
            }
        });
        return values[0] < 0 ? null : new Figures(values[0], values[1], values[2], values[3]);
    }

    /** One reading: bytes allocated, collections and their milliseconds, process CPU nanoseconds, since start. */
    public record Figures(long allocatedBytes, long gcCount, long gcMillis, long cpuNanos)
    {
    }

    public void close()
    {
        running = false;
        updater.interrupt();
        try
        {
            updater.join(1_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        CloseHelper.quietCloseAll(allocated, gcCount, gcMillis, cpuNanos);
    }
}
