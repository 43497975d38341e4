package io.gavel.gateway;

import io.gavel.core.EventBuffer;
import io.gavel.core.MatchingCore;
import io.gavel.core.pipeline.CommandSlot;
import io.gavel.core.pipeline.EgressPort;
import io.gavel.core.pipeline.EnginePipeline;
import io.gavel.core.pipeline.SnapshotPort;
import io.gavel.core.workload.WorkloadGenerator;
import io.gavel.journal.JournalLayout;
import io.gavel.journal.JournalReader;
import io.gavel.journal.JournalWriter;
import io.gavel.protocol.CommandEncoder;
import io.gavel.sbe.Role;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The layouts differ in threads only: the same random command stream through the staged pipeline (a Disruptor thread
 * per handler) and through the one-thread pipeline of low-core (drained in batches of random size, as duty cycles
 * would) gives byte-identical journals (every record, hash chain included), the same answers to the egress and the
 * same state hash as the core alone.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LayoutEquivalenceTest
{
    static final int COMMANDS = 20_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {3, 2026})
    void theSameCommandsGiveTheSameJournalInBothLayouts(final long seed)
    {
        final List<byte[]> commands = new ArrayList<>();
        final long[] times = new long[COMMANDS];
        final MatchingCore reference = new MatchingCore(1024);
        final WorkloadGenerator.Config config = new WorkloadGenerator.Config().auctions(6, 20, 40);
        config.timedLotSeconds = 2;
        final WorkloadGenerator generator = new WorkloadGenerator(seed, config).observe(reference.rules());
        final CommandEncoder encoder = new CommandEncoder();
        final EventBuffer out = new EventBuffer();
        for (int i = 0; i < COMMANDS; i++)
        {
            times[i] = generator.next(encoder);
            final byte[] command = new byte[encoder.length()];
            encoder.buffer().getBytes(0, command);
            commands.add(command);
            reference.apply(i + 1, times[i], 1, Role.ADMIN, encoder.buffer(), 0, encoder.length(), out);
        }

        final Run staged = run(dir.resolve("staged"), commands, times, false, seed);
        final Run oneThread = run(dir.resolve("low-core"), commands, times, true, seed);

        assertEquals(reference.stateHash(), staged.stateHash, "the staged pipeline's state differs from the core's");
        assertEquals(reference.stateHash(), oneThread.stateHash, "the one-thread pipeline's state differs");
        assertTrue(staged.records.size() > COMMANDS, "commands and their events: " + staged.records.size());
        assertEquals(staged.records.size(), oneThread.records.size(), "journal lengths differ");
        for (int i = 0; i < staged.records.size(); i++)
        {
            assertArrayEquals(staged.records.get(i), oneThread.records.get(i),
                "journal record " + (i + 1) + " differs");
        }
        assertEquals(staged.egressDigest, oneThread.egressDigest, "the egress saw different answers");
        assertEquals(COMMANDS, oneThread.egressSlots);
        assertTrue(oneThread.batches > 1 && oneThread.batches < COMMANDS, "drained in batches: " + oneThread.batches);
    }

    record Run(List<byte[]> records, long stateHash, long egressDigest, long egressSlots, long batches)
    {
    }

    private static Run run(final Path journalDir, final List<byte[]> commands, final long[] times,
        final boolean oneThread, final long seed)
    {
        final DigestEgress egress = new DigestEgress();
        final EnginePipeline pipeline;
        final JournalLayout layout = JournalLayout.createOrOpen(journalDir);
        try (JournalWriter writer = JournalWriter.open(layout))
        {
            final ChronicleCommandJournal journal = new ChronicleCommandJournal(writer);
            final MatchingCore core = new MatchingCore(1024);
            if (oneThread)
            {
                pipeline = EnginePipeline.onCallerThread(core, journal, egress, SnapshotPort.NONE, 64, 0);
            }
            else
            {
                writer.releaseThread();
                pipeline = new EnginePipeline(core, journal, egress, SnapshotPort.NONE, 64,
                    IdleStrategies.wait(IdleStrategies.YIELDING), 0, Thread::new);
            }
            final Random batches = new Random(seed);
            int untilDrain = 1 + batches.nextInt(16);
            for (int i = 0; i < commands.size(); i++)
            {
                CommandSlot slot;
                while ((slot = pipeline.tryClaim()) == null)
                {
                    assertNull(pipeline.failure());
                    Thread.onSpinWait();
                }
                final byte[] command = commands.get(i);
                slot.kind = CommandSlot.Kind.COMMAND;
                slot.engineTime = times[i];
                slot.sessionId = 77;
                slot.principal = 1;
                slot.role = Role.ADMIN;
                // The template id, from the SBE header (a TakeSnapshot is seen by the business handler by it).
                slot.commandTemplateId =
                    new org.agrona.concurrent.UnsafeBuffer(command).getShort(2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
                slot.commandLength = command.length;
                slot.command.putBytes(0, command);
                pipeline.publish();
                if (--untilDrain == 0)
                {
                    pipeline.drain();
                    untilDrain = 1 + batches.nextInt(16);
                }
            }
            pipeline.close();
            assertNull(pipeline.failure());
        }
        final List<byte[]> records = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(JournalLayout.openExisting(journalDir)))
        {
            reader.readAll((position, record, frame, offset, length, chainIntact) ->
            {
                assertTrue(chainIntact, "record " + position + " breaks the hash chain");
                final byte[] bytes = new byte[offset + length];
                frame.getBytes(0, bytes);
                records.add(bytes);
                return true;
            });
        }
        return new Run(records, pipeline.stateHashAtStop(), egress.digest, egress.slots, egress.batches);
    }

    /** Digests every answer the egress is handed, in order. */
    private static final class DigestEgress implements EgressPort, EventBuffer.FrameVisitor
    {
        long digest = 17;
        long slots;
        long batches;

        public void onSlot(final CommandSlot slot)
        {
            slots++;
            digest = digest * 31 + slot.engineSequence;
            slot.events.forEach(this);
        }

        public void endOfBatch()
        {
            batches++;
        }

        public void onFrame(final DirectBuffer buffer, final int offset, final int length)
        {
            final byte[] bytes = new byte[length];
            buffer.getBytes(offset, bytes);
            digest = digest * 31 + Arrays.hashCode(bytes);
        }
    }
}
