package io.gavel.core.pipeline;

import com.lmax.disruptor.EventHandler;
import io.gavel.sbe.TakeSnapshotDecoder;
import io.gavel.core.MatchingCore;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one thread where auction state changes: journals each command (write-ahead), assigns its engine sequence,
 * applies it to the core, and journals the events it caused. Commands and events are journaled by this one thread,
 * so the journal's hash chain has a single, deterministic order.
 */
final class BusinessLogicHandler implements EventHandler<CommandSlot>
{
    private final MatchingCore core;
    private final CommandJournal journal;
    private final AtomicLong lastSequence;
    private final AtomicLong nextDeadline;
    private final AtomicLong stateHashAtStop;
    private final CountDownLatch stopped;
    private final SnapshotPort snapshots;
    private long sequence;

    BusinessLogicHandler(
        final MatchingCore core,
        final CommandJournal journal,
        final long lastJournaledSequence,
        final AtomicLong lastSequence,
        final AtomicLong nextDeadline,
        final AtomicLong stateHashAtStop,
        final CountDownLatch stopped,
        final SnapshotPort snapshots)
    {
        this.stopped = stopped;
        this.stateHashAtStop = stateHashAtStop;
        this.snapshots = snapshots;
        this.core = core;
        this.journal = journal;
        this.sequence = lastJournaledSequence;
        this.lastSequence = lastSequence;
        this.nextDeadline = nextDeadline;
    }

    public void onEvent(final CommandSlot slot, final long ringSequence, final boolean endOfBatch)
    {
        if (slot.kind == CommandSlot.Kind.COMMAND)
        {
            slot.engineSequence = ++sequence;
            journal.appendCommand(slot);
            core.apply(slot.engineSequence, slot.engineTime, slot.principal, slot.role, slot.command, 0,
                slot.commandLength, slot.events);
            journal.appendEvents(slot);
            final boolean requested = slot.commandTemplateId == TakeSnapshotDecoder.TEMPLATE_ID && core.lastAccepted();
            if (snapshots.due(slot.engineSequence, slot.engineTime, requested))
            {
                snapshots.take(core, slot.engineSequence, slot.engineTime, journal.position());
            }
        }
        if (endOfBatch)
        {
            journal.endOfBatch();
            lastSequence.setRelease(sequence);
            nextDeadline.setRelease(core.nextDeadline());
        }
    }

    public void onShutdown()
    {
        stateHashAtStop.setRelease(core.stateHash());
        stopped.countDown();
    }
}
