package io.gavel.gateway;

import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code gavel.hiccups}: a running engine publishes how late the machine woke a thread sleeping 1 ms, the last
 * second's percentiles beside its own latency, fresh while it runs; {@code off} starts no such thread; any other
 * value is refused before the journal opens.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HiccupMonitorTest
{
    @TempDir
    Path dir;

    @Test
    void aRunningEnginePublishesTheMachinesHiccups()
    {
        try (EngineHarness harness = new EngineHarness(dir, EngineConfig.defaults()))
        {
            final CountersReader counters = harness.aeron.countersReader();
            Map<String, Long> hiccups = hiccups(counters);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (hiccups.getOrDefault("updated (epoch ms)", 0L) == 0 && System.nanoTime() < deadline)
            {
                Thread.onSpinWait();
                hiccups = hiccups(counters);
            }
            // The figures are published together every ~100 ms: read until two readings agree, so the order checked
            // below is that of one publication, not of two.
            Map<String, Long> again = hiccups(counters);
            while (!again.equals(hiccups) && System.nanoTime() < deadline)
            {
                hiccups = again;
                again = hiccups(counters);
            }
            final long updated = hiccups.getOrDefault("updated (epoch ms)", 0L);
            assertTrue(Math.abs(System.currentTimeMillis() - updated) < 2_000, "updated " + updated + ": " + hiccups);
            final long p50 = hiccups.get("p50 ns (last second)");
            final long p99 = hiccups.get("p99 ns (last second)");
            final long max = hiccups.get("max ns (last second)");
            // A sleep never ends early: every figure is a lateness of at least a nanosecond, in order.
            assertTrue(p50 >= 1 && p50 <= p99 && p99 <= max, hiccups.toString());
            assertTrue(threadRuns("gavel-hiccups"), "the monitor's thread runs");
        }
        assertFalse(threadRuns("gavel-hiccups"), "closing the engine stops the monitor");
    }

    @Test
    void offStartsNoMonitorAndAnythingElseIsRefused()
    {
        try (EngineHarness harness = new EngineHarness(dir, EngineConfig.defaults().set("gavel.hiccups", "off")))
        {
            assertFalse(threadRuns("gavel-hiccups"));
            assertEquals(0L, hiccups(harness.aeron.countersReader()).getOrDefault("updated (epoch ms)", 0L));
        }
        final Path other = dir.resolve("other");
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> new EngineHarness(other, EngineConfig.defaults().set("gavel.hiccups", "yes")).close());
        assertEquals("setting 'gavel.hiccups' must be on or off, not 'yes'", refused.getMessage());
        assertFalse(Files.exists(other.resolve("journal")), "nothing opened");
    }

    /** The engine's machine-hiccup counters, by what follows "machine hiccups " in their labels. */
    private static Map<String, Long> hiccups(final CountersReader counters)
    {
        final Map<String, Long> found = new HashMap<>();
        counters.forEach((id, type, key, label) ->
        {
            final int at = label.indexOf(": machine hiccups ");
            if (type == EngineCounters.TYPE_ID && at >= 0)
            {
                found.put(label.substring(at + ": machine hiccups ".length()), counters.getCounterValue(id));
            }
        });
        return found;
    }

    private static boolean threadRuns(final String name)
    {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }
}
