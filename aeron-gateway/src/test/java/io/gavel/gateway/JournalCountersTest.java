package io.gavel.gateway;

import io.gavel.client.AuctionSettings;
import io.gavel.client.GavelClient;
import io.gavel.client.GavelListener;
import io.gavel.sbe.Role;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A running engine publishes how its journal's helpers stand: how far ahead of the writer pages are touched, the bid
 * thread's page faults as the pretouch thread counts them, and what has been written back; with the helpers turned
 * off, the figures say so (faults -1, nothing touched) and their threads do not run.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JournalCountersTest
{
    private static final String FAULTS = EngineCounters.BID_THREAD_FAULTS;
    private static final String AHEAD = "journal KiB touched ahead of the writer";
    private static final String BACK = "journal MiB written back behind the writer";

    @TempDir
    Path dir;

    @Test
    void aRunningEnginePublishesItsJournalHelpers()
    {
        try (EngineHarness harness = new EngineHarness(dir, EngineConfig.defaults()
            .set("gavel.journal.pretouch.mb", "8")))
        {
            final CountersReader counters = harness.aeron.countersReader();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            Map<String, Long> journal = journal(counters);
            while (journal.get(AHEAD) < 8 * 1024 - 8 && System.nanoTime() < deadline)
            {
                Thread.onSpinWait();
                journal = journal(counters);
            }
            // The engine journaled its settings on opening (on the starting thread): the pretoucher touches 8 MiB
            // past them, within a page or two. Whose faults count is the bid thread's, not yet known: -1.
            assertTrue(journal.get(AHEAD) >= 8 * 1024 - 8 && journal.get(AHEAD) <= 8 * 1024, journal.toString());
            assertEquals(-1L, journal.get(FAULTS), "the starting thread's faults are not the bid thread's: " +
                journal);
            assertEquals(0L, journal.get(BACK), "nothing is three chunks behind the writer yet: " + journal);
            assertTrue(threadRuns("gavel-journal-pretouch") && threadRuns("gavel-journal-writeback"));
            // One command journaled by the bid thread: from then on its faults are counted (a real count).
            try (GavelClient admin = harness.client(900, Role.ADMIN, new GavelListener() {}))
            {
                EndToEndTest.assertAccepted(admin, admin.createAuction(1, AuctionSettings.live()));
                while (journal(counters).get(FAULTS) < 0 && System.nanoTime() < deadline)
                {
                    Thread.onSpinWait();
                }
                assertTrue(journal(counters).get(FAULTS) >= 0, journal(counters).toString());
            }
        }
        assertFalse(threadRuns("gavel-journal-pretouch") || threadRuns("gavel-journal-writeback"),
            "closing the engine stops both helpers");
    }

    @Test
    void helpersTurnedOffSaySoAndDoNotRun()
    {
        try (EngineHarness harness = new EngineHarness(dir, EngineConfig.defaults()
            .set("gavel.journal.pretouch.mb", "0").set("gavel.journal.writebehind.kb", "0")))
        {
            final CountersReader counters = harness.aeron.countersReader();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            // The counters are published every 1,024 duty cycles: wait until the first publication set faults to -1.
            while (journal(counters).get(FAULTS) != -1 && System.nanoTime() < deadline)
            {
                Thread.onSpinWait();
            }
            assertEquals(Map.of(FAULTS, -1L, AHEAD, 0L, BACK, 0L), journal(counters));
            assertFalse(threadRuns("gavel-journal-pretouch") || threadRuns("gavel-journal-writeback"));
        }
    }

    /** The engine's journal counters, by what follows "gavel: " in their labels. */
    private static Map<String, Long> journal(final CountersReader counters)
    {
        final Map<String, Long> found = new HashMap<>();
        counters.forEach((id, type, key, label) ->
        {
            for (final String name : new String[] {FAULTS, AHEAD, BACK})
            {
                if (type == EngineCounters.TYPE_ID && label.endsWith(": " + name))
                {
                    found.put(name, counters.getCounterValue(id));
                }
            }
        });
        return found;
    }

    private static boolean threadRuns(final String name)
    {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }
}
