package io.gavel.gateway;

import io.gavel.core.CoreSnapshot;
import io.gavel.core.EventBuffer;
import io.gavel.core.MatchingCore;
import io.gavel.core.workload.WorkloadGenerator;
import io.gavel.journal.JournalLayout;
import io.gavel.journal.JournalWriter;
import io.gavel.protocol.CommandEncoder;
import io.gavel.sbe.RecordKind;
import io.gavel.sbe.Role;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 13: snapshots are taken by a replica core that follows the journal on its own thread. Each snapshot it
 * writes holds exactly the engine's state at its sequence (a random workload, the replica starting behind the
 * writer), a restart from it reaches the engine's final state, the writing thread never encodes one, and a journal
 * that does not replay stops the snapshots with a reason instead of producing a false one.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SnapshotReplicaTest
{
    private static final int EVERY = 4_000;
    private static final long REQUESTED = 10_001;

    @TempDir
    Path dir;

    @Test
    void replicaSnapshotsHoldTheEnginesStateAtTheirSequenceAndRestartFromThem()
    {
        final JournalLayout layout = JournalLayout.createOrOpen(dir.resolve("journal"));
        final SnapshotStore store = new SnapshotStore(layout.snapshotDir(), EVERY, 0, 100);
        final List<String> errors = new CopyOnWriteArrayList<>();
        // Where the store's rules put snapshots: every 4,000 commands, counted again from the one asked for.
        final Set<Long> expected = new TreeSet<>(List.of(4_000L, 8_000L, REQUESTED, 14_001L, 18_001L, 22_001L,
            26_001L));
        final Long2LongHashMap hashAt = new Long2LongHashMap(0);
        final MatchingCore core = new MatchingCore();
        SnapshotReplica replica = null;
        try (JournalWriter writer = JournalWriter.open(layout))
        {
            final WorkloadGenerator.Config config = new WorkloadGenerator.Config().auctions(6, 40, 200);
            final WorkloadGenerator generator = new WorkloadGenerator(42, config).observe(core.rules());
            final CommandEncoder encoder = new CommandEncoder();
            final EventBuffer events = new EventBuffer();
            for (long sequence = 1; sequence <= 29_000; sequence++)
            {
                final long time = generator.next(encoder);
                if (sequence == REQUESTED)
                {
                    encoder.takeSnapshot(sequence); // what `gavel snapshot` sends
                }
                writer.append(RecordKind.COMMAND, sequence, time, 0, 1, 1, Role.ADMIN, encoder.buffer(), 0,
                    encoder.length());
                core.apply(sequence, time, 1, Role.ADMIN, encoder.buffer(), 0, encoder.length(), events);
                final long seq = sequence;
                final int[] index = {0};
                events.forEach((buffer, offset, length) -> writer.append(RecordKind.EVENT, seq, time, index[0]++, 1,
                    1, Role.ADMIN, buffer, offset, length));
                if (expected.contains(sequence))
                {
                    hashAt.put(sequence, core.stateHash());
                }
                if (sequence == 6_000)
                {
                    // Started behind the writer, it catches up while the writer goes on and never waits for it.
                    replica = SnapshotReplica.start(layout, store, core.correlationWindow(), 0, 0, 0, 0, errors::add);
                }
            }
        }
        finally
        {
            if (replica != null)
            {
                replica.close();
            }
        }
        assertFalse(replica.isAlive(), "the replica's thread stops on close");
        assertEquals(List.of(), errors);
        assertEquals("gavel-snapshot-replica", store.lastWriter(), "the snapshots are encoded on the replica's thread");
        assertEquals(29_000, replica.replayedSequence());

        final Set<Long> written = new TreeSet<>();
        for (final long sequence : expected)
        {
            final Path file = layout.snapshotDir().resolve(String.format("snapshot-%020d.sbe", sequence));
            assertTrue(Files.exists(file), "a snapshot at " + sequence);
            final CoreSnapshot.Restored restored = read(file);
            assertEquals(sequence, restored.engineSequence());
            assertEquals(hashAt.get(sequence), restored.core().stateHash(), "the engine's state at " + sequence);
            written.add(sequence);
        }
        assertEquals(expected.size(), replica.snapshotsTaken(), "no other snapshot: " + written);

        // A restart from the newest: the snapshot, then the journal after its index, reaches the engine's state.
        try (JournalWriter writer = JournalWriter.open(layout))
        {
            final CoreSnapshot.Restored latest = SnapshotStore.latest(layout.snapshotDir(), writer.lastSequence());
            assertEquals(26_001, latest.engineSequence());
            final JournalReplay.Result result = JournalReplay.rebuild(layout, latest.core(), latest.engineSequence(),
                latest.journalIndex(), writer);
            assertEquals(29_000 - 26_001, result.commandsReplayed());
            assertEquals(core.stateHash(), latest.core().stateHash());
        }
    }

    @Test
    void aJournalThatDoesNotReplayStopsTheSnapshotsWithItsReason()
    {
        final JournalLayout layout = JournalLayout.createOrOpen(dir.resolve("journal"));
        final CommandEncoder encoder = new CommandEncoder();
        final MatchingCore core = new MatchingCore();
        final EventBuffer events = new EventBuffer();
        try (JournalWriter writer = JournalWriter.open(layout))
        {
            for (long sequence = 1; sequence <= 3; sequence++)
            {
                encoder.createAuction(sequence, sequence, io.gavel.sbe.Format.LIVE, "USD", 0,
                    io.gavel.sbe.TiePolicy.EARLIEST_WINS, io.gavel.sbe.RetractionPolicy.NULL_VAL, false, 0, 0, 0, 0,
                    new long[0], new long[0], 0);
                writer.append(RecordKind.COMMAND, sequence, 1_000 * sequence, 0, 5, 1, Role.ADMIN, encoder.buffer(),
                    0, encoder.length());
                // Command 2's events are journaled as if it were applied at another sequence: chained, but false.
                core.apply(sequence == 2 ? 99 : sequence, 1_000 * sequence, 1, Role.ADMIN, encoder.buffer(), 0,
                    encoder.length(), events);
                final long seq = sequence;
                final int[] index = {0};
                events.forEach((buffer, offset, length) -> writer.append(RecordKind.EVENT, seq, 1_000 * seq,
                    index[0]++, 5, 1, Role.ADMIN, buffer, offset, length));
            }
        }
        final List<String> errors = new CopyOnWriteArrayList<>();
        final SnapshotStore store = new SnapshotStore(layout.snapshotDir(), 1, 0, 10);
        final SnapshotReplica replica = SnapshotReplica.start(layout, store, core.correlationWindow(), 0, 0, 0, 0,
            errors::add);
        replica.close();
        assertFalse(replica.isAlive());
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("differs from what the core emits on replay"), errors.get(0));
        assertEquals(1, replica.snapshotsTaken(), "the snapshot after command 1, none after the false record");
        assertTrue(Files.exists(layout.snapshotDir().resolve(String.format("snapshot-%020d.sbe", 1))));
        assertFalse(Files.exists(layout.snapshotDir().resolve(String.format("snapshot-%020d.sbe", 2))));
    }

    private static CoreSnapshot.Restored read(final Path file)
    {
        try
        {
            final byte[] bytes = Files.readAllBytes(file);
            return new CoreSnapshot().read(new UnsafeBuffer(bytes), bytes.length);
        }
        catch (final java.io.IOException ex)
        {
            throw new AssertionError(ex);
        }
    }
}
