package io.gavel.core.pipeline;

import io.gavel.core.MatchingCore;
import io.gavel.core.ThreadAllocation;
import io.gavel.core.workload.WorkloadGenerator;
import io.gavel.protocol.CommandEncoder;
import io.gavel.sbe.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The single-thread pipeline ({@link EnginePipeline#onCallerThread}, layout low-core): its duty cycle (claim, publish,
 * drain business then egress) allocates nothing after warm-up; a full ring never refuses, it is drained; a handler's
 * failure is reported, stops applying, and the state hash at stop is the state before the failed command.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OneThreadPipelineTest
{
    @Test
    void theOneThreadDutyCycleAllocatesNothing()
    {
        ThreadAllocation.assertSupported();
        final WorkloadGenerator.Config config = new WorkloadGenerator.Config().auctions(10, 1_000, 10_000);
        config.bidsOnly = true;
        config.liveEvery = 5;
        config.timedLotSeconds = 1_000_000;
        final MatchingCore core = new MatchingCore();
        final WorkloadGenerator generator = new WorkloadGenerator(11, config).observe(core.rules());
        final CommandEncoder encoder = new CommandEncoder();
        final CountingEgress egress = new CountingEgress();
        final EnginePipeline pipeline = EnginePipeline.onCallerThread(core, CommandJournal.NONE, egress,
            SnapshotPort.NONE, 1024, 0);
        try
        {
            while (generator.inSetup())
            {
                submit(pipeline, generator, encoder, 1);
            }
            for (int i = 0; i < 2_000_000; i++)
            {
                submit(pipeline, generator, encoder, i);
            }
            final StringBuilder windows = new StringBuilder();
            final long[] result = new long[1];
            long best = Long.MAX_VALUE;
            // As ZeroAllocationTest: one window must allocate exactly nothing (a rare JIT event may charge a few
            // bytes to a window; one allocation per bid would be megabytes in every window).
            for (int window = 0; window < 3 && best != 0; window++)
            {
                final long slotsBefore = egress.slots;
                final long allocated = ThreadAllocation.during(() ->
                {
                    for (int i = 0; i < 1_000_000; i++)
                    {
                        submit(pipeline, generator, encoder, i);
                    }
                    return 0;
                }, result);
                windows.append(allocated).append(" bytes ");
                assertTrue(egress.slots - slotsBefore >= 999_000, "the egress should see every bid: " + windows);
                assertTrue(allocated < 1_024, "1,000,000 bids through the one-thread pipeline allocated: " + windows);
                best = Math.min(best, allocated);
            }
            assertEquals(0, best, "no window of 1,000,000 bids allocated nothing: " + windows);
            assertTrue(egress.batches > 1_000, "drained in batches, each ended: " + egress.batches);
            assertNull(pipeline.failure());
        }
        finally
        {
            pipeline.close();
        }
    }

    @Test
    void aFullRingIsDrainedNeverRefused()
    {
        final CountingEgress egress = new CountingEgress();
        final EnginePipeline pipeline = EnginePipeline.onCallerThread(new MatchingCore(), CommandJournal.NONE, egress,
            SnapshotPort.NONE, 8, 0);
        // Never drained by a duty cycle: tryClaim itself must make room, 100 times over an 8-slot ring.
        for (int i = 0; i < 800; i++)
        {
            final CommandSlot slot = pipeline.tryClaim();
            assertNotNull(slot, "a full one-thread ring refused claim " + i);
            slot.kind = CommandSlot.Kind.HOUSEKEEPING;
            pipeline.publish();
        }
        assertTrue(pipeline.backlog() <= 8);
        pipeline.close();
        assertEquals(800, egress.slots, "close drains what is left");
        assertEquals(0, pipeline.backlog());
    }

    @Test
    void aFailureIsReportedAndNothingMoreIsApplied()
    {
        final WorkloadGenerator.Config config = new WorkloadGenerator.Config().auctions(2, 10, 20);
        final MatchingCore reference = new MatchingCore();
        final MatchingCore core = new MatchingCore();
        final WorkloadGenerator generator = new WorkloadGenerator(5, config).observe(reference.rules());
        final CommandEncoder encoder = new CommandEncoder();
        final RuntimeException broken = new RuntimeException("disk gone");
        final CommandJournal failing = new CommandJournal()
        {
            long appended;

            public void appendCommand(final CommandSlot slot)
            {
                if (++appended == 300)
                {
                    throw broken;
                }
            }

            public void appendEvents(final CommandSlot slot)
            {
            }
        };
        final CountingEgress egress = new CountingEgress();
        final EnginePipeline pipeline = EnginePipeline.onCallerThread(core, failing, egress, SnapshotPort.NONE, 64, 0);
        long hashBeforeFailure = 0;
        final io.gavel.core.EventBuffer out = new io.gavel.core.EventBuffer();
        for (int i = 1; i <= 1_000; i++)
        {
            final long time = generator.next(encoder);
            if (i < 300)
            {
                reference.apply(i, time, 1, Role.ADMIN, encoder.buffer(), 0, encoder.length(), out);
                hashBeforeFailure = reference.stateHash();
            }
            final CommandSlot slot = pipeline.tryClaim();
            if (slot == null)
            {
                // Only once the pipeline has failed: then the ingress answers BUSY.
                assertNotNull(pipeline.failure(), "claim " + i + " refused by a healthy one-thread pipeline");
                continue;
            }
            fill(slot, time, encoder);
            pipeline.publish();
            pipeline.drain();
        }
        assertSame(broken, pipeline.failure());
        assertEquals(299, pipeline.lastSequence(), "applied up to the failed command, nothing after it");
        assertEquals(299, egress.slots, "the failed command and those after it are never answered");
        pipeline.close();
        assertEquals(hashBeforeFailure, pipeline.stateHashAtStop(), "the state hash at stop is the state applied");
    }

    private static void submit(final EnginePipeline pipeline, final WorkloadGenerator generator,
        final CommandEncoder encoder, final int i)
    {
        final long time = generator.next(encoder);
        final CommandSlot slot = pipeline.tryClaim();
        fill(slot, time, encoder);
        pipeline.publish();
        // Batches of 1 to 8 commands, as a duty cycle with a few fragments per poll.
        if ((i & 7) == 0 || (i % 3) == 0)
        {
            pipeline.drain();
        }
    }

    private static void fill(final CommandSlot slot, final long time, final CommandEncoder encoder)
    {
        slot.kind = CommandSlot.Kind.COMMAND;
        slot.engineTime = time;
        slot.principal = 1;
        slot.role = Role.ADMIN;
        slot.commandTemplateId = encoder.buffer().getShort(2, java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        slot.commandLength = encoder.length();
        slot.command.putBytes(0, encoder.buffer(), 0, encoder.length());
    }

    /** Counts what reaches the egress and how many batches it was told ended. */
    static final class CountingEgress implements EgressPort
    {
        long slots;
        long batches;

        public void onSlot(final CommandSlot slot)
        {
            slots++;
        }

        public void endOfBatch()
        {
            batches++;
        }
    }
}
