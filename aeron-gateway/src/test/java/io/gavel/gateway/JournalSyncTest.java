package io.gavel.gateway;

import io.gavel.protocol.CommandEncoder;
import io.gavel.core.MatchingCore;
import io.gavel.core.pipeline.CommandSlot;
import io.gavel.core.pipeline.EgressPort;
import io.gavel.core.pipeline.EnginePipeline;
import io.gavel.journal.JournalLayout;
import io.gavel.journal.JournalSync;
import io.gavel.journal.JournalSyncer;
import io.gavel.journal.JournalWriter;
import io.gavel.sbe.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code gavel.journal.sync}: with fsync no answer leaves before its command's records were forced to the device, and
 * one force covers a batch (group commit); with page-cache answers do not wait for a force.
 */
@Timeout(60)
class JournalSyncTest
{
    private static final int COMMANDS = 5_000;

    @TempDir
    Path dir;

    @Test
    void withFsyncNoAnswerPrecedesItsRecordsForceAndOneForceCoversABatch()
    {
        final Run run = run(JournalSync.FSYNC, "fsync");
        assertEquals(COMMANDS, run.answered, "every command reaches the egress");
        assertEquals(0, run.answeredBeforeSync, "answers that left before their command was forced");
        assertTrue(run.syncs > 0, "the journal was forced");
        assertTrue(run.syncs < COMMANDS / 2, "group commit: " + run.syncs + " forces for " + COMMANDS +
            " commands published in a burst");
    }

    @Test
    void withTheEnginesSyncerNoAnswerPrecedesItsRecordsForceAndOneForceCoversABatch()
    {
        // As GavelEngine wires fsync: the syncer thread forces, DurableEgress holds answers until it has.
        final Run run = run(null, "syncer");
        assertEquals(COMMANDS, run.answered, "every command reaches the egress");
        assertEquals(0, run.answeredBeforeSync, "answers that left before their command was forced");
        assertTrue(run.syncs > 0, "the journal was forced");
        assertTrue(run.syncs < COMMANDS / 2, "group commit: " + run.syncs + " forces for " + COMMANDS +
            " commands published in a burst");
    }

    @Test
    void withPageCacheAnswersDoNotWaitForAForce()
    {
        // The check above can fail: without forcing, answers leave with nothing synced.
        final Run run = run(JournalSync.PAGE_CACHE, "page-cache");
        assertEquals(COMMANDS, run.answered);
        assertEquals(0, run.syncs, "page-cache never forces");
        assertEquals(COMMANDS, run.answeredBeforeSync);
    }

    @Test
    void theSettingIsParsedWithAPreciseError()
    {
        assertEquals(JournalSync.FSYNC, EngineConfig.defaults().set("gavel.journal.sync", "FSYNC").journalSync());
        assertEquals(JournalSync.PAGE_CACHE, EngineConfig.defaults().journalSync());
        final IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
            () -> EngineConfig.defaults().set("gavel.journal.sync", "always").journalSync());
        assertEquals("setting 'gavel.journal.sync' must be page-cache or fsync, not 'always'", bad.getMessage());
    }

    private Run run(final JournalSync sync, final String name)
    {
        final Run run = new Run();
        final AtomicLong answered = new AtomicLong();
        final AtomicLong early = new AtomicLong();
        try (JournalWriter writer = JournalWriter.open(JournalLayout.createOrOpen(dir.resolve(name)));
            JournalSyncer syncer = sync == null ? JournalSyncer.start(writer) : null)
        {
            final EgressPort check = slot ->
            {
                final long synced = syncer != null ? syncer.syncedSequence() : writer.syncedSequence();
                if (synced < slot.engineSequence)
                {
                    early.incrementAndGet();
                }
                answered.incrementAndGet();
            };
            final EgressPort egress = syncer == null ? check :
                new DurableEgress(syncer, check, IdleStrategies.idle(IdleStrategies.BACKOFF));
            final EnginePipeline pipeline = new EnginePipeline(new MatchingCore(),
                new ChronicleCommandJournal(writer, sync == null ? JournalSync.PAGE_CACHE : sync), egress, 1024,
                IdleStrategies.wait(IdleStrategies.SLEEPING), 0, Thread::new);
            final CommandEncoder encoder = new CommandEncoder();
            try
            {
                for (int i = 1; i <= COMMANDS; i++)
                {
                    encoder.auctionStatus(i, i);
                    CommandSlot slot;
                    while ((slot = pipeline.tryClaim()) == null)
                    {
                        assertNull(pipeline.failure());
                        Thread.yield();
                    }
                    slot.kind = CommandSlot.Kind.COMMAND;
                    slot.engineTime = i;
                    slot.sessionId = 1;
                    slot.principal = 1;
                    slot.role = Role.ADMIN;
                    encoder.buffer().getBytes(0, slot.command, 0, encoder.length());
                    slot.commandLength = encoder.length();
                    pipeline.publish();
                }
                final long deadline = System.nanoTime() + 40_000_000_000L;
                while (answered.get() < COMMANDS && pipeline.failure() == null)
                {
                    assertTrue(System.nanoTime() < deadline, answered.get() + " of " + COMMANDS + " answered");
                    Thread.yield();
                }
                assertNull(pipeline.failure());
            }
            finally
            {
                pipeline.close();
            }
            run.syncs = syncer != null ? syncer.forces() : writer.syncs();
        }
        run.answered = answered.get();
        run.answeredBeforeSync = early.get();
        return run;
    }

    private static final class Run
    {
        long answered;
        long answeredBeforeSync;
        long syncs;
    }
}
