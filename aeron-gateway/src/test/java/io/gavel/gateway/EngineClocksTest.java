package io.gavel.gateway;

import org.agrona.concurrent.EpochNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The bid path's wall clock: it allocates nothing while read (SystemEpochNanoClock's Instant per reading once cost the
 * engine's thread 144 MB in a 60 s window), and across its resampling it stays with the wall clock and never runs
 * backwards.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EngineClocksTest
{
    /**
     * With the JIT's escape analysis off (it is what usually removes SystemEpochNanoClock's Instant, and what failed
     * in the run that allocated), a million readings in a JVM of their own still allocate nothing. Fails on
     * SystemEpochNanoClock: 24 MB and more.
     */
    @Test
    void itAllocatesNothingEvenWithoutEscapeAnalysis() throws Exception
    {
        final Process probe = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
            "-XX:-DoEscapeAnalysis", "-cp", System.getProperty("java.class.path"), Probe.class.getName())
            .redirectErrorStream(true).start();
        final String out = new String(probe.getInputStream().readAllBytes()).trim();
        assertTrue(probe.waitFor(20, TimeUnit.SECONDS), "the probe ended");
        assertEquals(0, probe.exitValue(), out);
        final String[] windows = out.substring(out.lastIndexOf('\n') + 1).split(" ");
        long best = Long.MAX_VALUE;
        for (final String window : windows)
        {
            best = Math.min(best, Long.parseLong(window));
        }
        assertEquals(0, best, "bytes allocated by 1,000,000 readings, three windows: " + out);
    }

    /** Reads the engine's clock in three windows of 1,000,000 after warm-up; prints each window's bytes. */
    static final class Probe
    {
        public static void main(final String[] args)
        {
            final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
            final EpochNanoClock clock = EngineClocks.epoch();
            long sink = 0;
            for (int i = 0; i < 2_000_000; i++)
            {
                sink += clock.nanoTime();
            }
            final StringBuilder windows = new StringBuilder();
            for (int window = 0; window < 3; window++)
            {
                final long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
                for (int i = 0; i < 1_000_000; i++)
                {
                    sink += clock.nanoTime();
                }
                windows.append(window == 0 ? "" : " ")
                    .append(threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before);
            }
            System.out.println(sink == 0 ? "0 0 0" : windows.toString());
        }
    }

    @Test
    void itFollowsTheWallClockAcrossItsResamplesAndNeverRunsBack()
    {
        final EpochNanoClock clock = EngineClocks.epoch();
        final long start = System.nanoTime();
        long last = clock.nanoTime();
        long readings = 0;
        // Past a resample (one a second): every reading within 2 ms of the wall clock, none before the last.
        while (System.nanoTime() - start < EngineClocks.RESAMPLE_NANOS + TimeUnit.MILLISECONDS.toNanos(200))
        {
            final long wallBefore = System.currentTimeMillis() * 1_000_000L;
            final long now = clock.nanoTime();
            final long wallAfter = (System.currentTimeMillis() + 1) * 1_000_000L;
            assertTrue(now >= wallBefore - 2_000_000L && now <= wallAfter + 2_000_000L,
                "clock " + now + " against the wall clock " + wallBefore + ".." + wallAfter);
            assertTrue(now >= last - 1_000L, "ran back from " + last + " to " + now);
            last = Math.max(last, now);
            readings++;
        }
        assertTrue(readings > 1_000, readings + " readings");
    }
}
