package io.gavel.gateway;

import io.gavel.journal.BackgroundPriority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code gavel.snapshot.replica.nice}: the snapshot replica's thread runs at that nice value, so on shared cores the
 * bid path's thread is scheduled first; the bid path's own thread and the journal's pretoucher (whose lateness would
 * cost the writer its own page faults) keep the process's. Out of range is refused before the journal opens.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReplicaNiceTest
{
    @TempDir
    Path dir;

    @Test
    void aThreadLowersItsOwnPriorityAndNoOtherThreads() throws Exception
    {
        final int before = BackgroundPriority.currentThreadNice();
        assertNotEquals(Integer.MIN_VALUE, before, "this test runs where /proc reports nice values");
        final int[] seen = new int[2];
        final Thread thread = new Thread(() ->
        {
            seen[0] = BackgroundPriority.lowerCurrentThread(Math.min(19, before + 7)) ? 1 : 0;
            seen[1] = BackgroundPriority.currentThreadNice();
        });
        thread.start();
        thread.join();
        assertEquals(1, seen[0], "setpriority was taken");
        assertEquals(Math.min(19, before + 7), seen[1]);
        assertEquals(before, BackgroundPriority.currentThreadNice(), "the calling thread only");
        assertThrows(IllegalArgumentException.class, () -> BackgroundPriority.lowerCurrentThread(20));
        assertThrows(IllegalArgumentException.class, () -> BackgroundPriority.lowerCurrentThread(-1));
    }

    @Test
    void theReplicaRunsAtTheSettingsNiceValueAndTheBidPathDoesNot() throws Exception
    {
        final int base = BackgroundPriority.currentThreadNice();
        try (EngineHarness harness = new EngineHarness(dir, EngineConfig.defaults()
            .set("gavel.snapshot.replica.nice", "12")))
        {
            // Names as the kernel keeps them: the first 15 characters.
            final Map<String, Integer> replica = awaitThreads("gavel-snapshot-", 12);
            assertFalse(replica.isEmpty());
            final Map<String, Integer> pretouch = niceOf("gavel-journal-p");
            assertFalse(pretouch.isEmpty(), "the pretoucher is found");
            pretouch.values().forEach(nice -> assertEquals(base, nice, "the pretoucher keeps the process's"));
            final Map<String, Integer> ingress = niceOf("[gavel-ingress");
            assertFalse(ingress.isEmpty(), "the engine's bid thread is found");
            ingress.values().forEach(nice -> assertEquals(base, nice, "the bid path keeps the process's priority"));
        }
    }

    @Test
    void aValueOutOfRangeIsRefusedBeforeTheJournalOpens()
    {
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> new EngineHarness(dir, EngineConfig.defaults().set("gavel.snapshot.replica.nice", "20")).close());
        assertEquals("setting 'gavel.snapshot.replica.nice' must be 0-19, not 20", refused.getMessage());
        assertFalse(Files.exists(dir.resolve("journal")), "nothing opened");
    }

    /** Polls until every thread whose name starts with {@code prefix} runs at {@code nice}; returns them. */
    private static Map<String, Integer> awaitThreads(final String prefix, final int nice) throws IOException
    {
        Map<String, Integer> found = niceOf(prefix);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while ((found.isEmpty() || found.values().stream().anyMatch(n -> n != nice)) && System.nanoTime() < deadline)
        {
            Thread.onSpinWait();
            found = niceOf(prefix);
        }
        for (final Map.Entry<String, Integer> thread : found.entrySet())
        {
            assertEquals(nice, thread.getValue(), thread.getKey());
        }
        return found;
    }

    /** Thread id to nice value of this process's threads whose name starts with {@code prefix}. */
    private static Map<String, Integer> niceOf(final String prefix) throws IOException
    {
        final Map<String, Integer> threads = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task")))
        {
            for (final Path task : (Iterable<Path>)tasks::iterator)
            {
                try
                {
                    final String name = Files.readString(task.resolve("comm")).trim();
                    if (name.startsWith(prefix))
                    {
                        threads.put(task.getFileName() + " " + name, BackgroundPriority.niceOf(task));
                    }
                }
                catch (final IOException ended)
                {
                    // The thread ended while listed.
                }
            }
        }
        return threads;
    }
}
