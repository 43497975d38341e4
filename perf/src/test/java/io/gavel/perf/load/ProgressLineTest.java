package io.gavel.perf.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The harness's progress line, printed inside the measured window, reads as before and allocates nothing.
 */
@Timeout(30)
class ProgressLineTest
{
    @Test
    void rendersTheBarPercentAndGroupedCount()
    {
        final ProgressLine line = new ProgressLine(new PrintStream(new ByteArrayOutputStream()));
        line.render(0.425, 1_234_567);
        assertEquals("\r[" + "#".repeat(17) + " ".repeat(23) + "]  43%  1,234,567 answered", line.text());
        line.render(1.0, 0);
        assertEquals("\r[" + "#".repeat(40) + "] 100%  0 answered", line.text());
        line.render(0.05, 999);
        assertEquals("\r[##" + " ".repeat(38) + "]   5%  999 answered", line.text());
    }

    @Test
    void printingAllocatesNothing()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final ProgressLine line = new ProgressLine(new PrintStream(new NullStream()));
        for (int i = 0; i < 20_000; i++)
        {
            line.print(i / 20_000.0, i * 1_000L);
        }
        // As in ZeroAllocationTest: a rare JIT deoptimisation can charge a few bytes to one window, so one of up to
        // three windows must be exactly zero and none may come near an allocation per print.
        final long threadId = Thread.currentThread().getId();
        long least = Long.MAX_VALUE;
        for (int window = 0; window < 3 && least != 0; window++)
        {
            final long before = threads.getThreadAllocatedBytes(threadId);
            for (int i = 0; i < 100_000; i++)
            {
                line.print(i / 100_000.0, i * 7_919L);
            }
            final long allocated = threads.getThreadAllocatedBytes(threadId) - before;
            assertTrue(allocated <= 1024, "bytes allocated by 100,000 prints: " + allocated);
            least = Math.min(least, allocated);
        }
        assertEquals(0, least, "bytes allocated by 100,000 prints in the best of three windows");
    }

    /** Discards what it is given, without allocating. */
    private static final class NullStream extends java.io.OutputStream
    {
        public void write(final int b)
        {
        }

        public void write(final byte[] b, final int off, final int len)
        {
        }
    }
}
