package io.gavel.gateway;

import io.gavel.core.pipeline.CommandSlot;
import io.gavel.core.pipeline.EgressPort;
import io.gavel.journal.JournalException;
import io.gavel.journal.JournalSyncer;
import org.agrona.concurrent.IdleStrategy;

/**
 * The egress of {@code gavel.journal.sync=fsync}: holds each command's answers until the {@link JournalSyncer} has
 * forced the command's records to the device, then hands the slot on. Slots arrive in sequence order, so waiting on
 * one holds back everything after it, as it must.
 */
final class DurableEgress implements EgressPort
{
    private final JournalSyncer syncer;
    private final EgressPort next;
    private final IdleStrategy idle;

    DurableEgress(final JournalSyncer syncer, final EgressPort next, final IdleStrategy idle)
    {
        this.syncer = syncer;
        this.next = next;
        this.idle = idle;
    }

    public void onSlot(final CommandSlot slot)
    {
        if (slot.kind == CommandSlot.Kind.COMMAND)
        {
            idle.reset();
            while (syncer.syncedSequence() < slot.engineSequence)
            {
                final Throwable failure = syncer.failure();
                if (failure != null)
                {
                    // Answering would promise what the device never confirmed: stop the pipeline instead.
                    throw new JournalException("command " + slot.engineSequence + " cannot be answered: " +
                        failure.getMessage(), failure);
                }
                idle.idle();
            }
        }
        next.onSlot(slot);
    }

    public void endOfBatch()
    {
        next.endOfBatch();
    }
}
