package io.gavel.core;

import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a stretch of work allocates on the calling thread, by the JVM's per-thread allocated-bytes counter: how the
 * zero-allocation tests measure the bid path (deterministic, unlike timing).
 */
public final class ThreadAllocation
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    private ThreadAllocation()
    {
    }

    /** Fails unless this JVM counts each thread's allocated bytes. */
    public static void assertSupported()
    {
        assertTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled(),
            "this JVM does not count the bytes each thread allocates");
    }

    /** Runs {@code work} on this thread; returns the bytes it allocated there, its result into {@code result[0]}. */
    public static long during(final LongSupplier work, final long[] result)
    {
        final long threadId = Thread.currentThread().getId();
        final long before = THREADS.getThreadAllocatedBytes(threadId);
        result[0] = work.getAsLong();
        return THREADS.getThreadAllocatedBytes(threadId) - before;
    }
}
