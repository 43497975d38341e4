package io.gavel.gateway;

import io.gavel.core.EventBuffer;
import io.gavel.core.pipeline.CommandJournal;
import io.gavel.core.pipeline.CommandSlot;
import io.gavel.journal.JournalSync;
import io.gavel.journal.JournalWriter;
import io.gavel.sbe.RecordKind;
import org.agrona.DirectBuffer;

/**
 * The engine's journal port on Chronicle Queue: each sequenced command, then each event it caused, one record each.
 * With {@link JournalSync#FSYNC} it forces the journal at the end of each ring batch (group commit); the egress
 * handler is gated on the business handler's sequence, which the Disruptor advances only after the batch's last
 * event returns, so no answer of the batch leaves before the force.
 */
public final class ChronicleCommandJournal implements CommandJournal, EventBuffer.FrameVisitor
{
    private final JournalWriter writer;
    private final boolean fsync;
    private CommandSlot current;
    private int eventIndex;

    public ChronicleCommandJournal(final JournalWriter writer)
    {
        this(writer, JournalSync.PAGE_CACHE);
    }

    public ChronicleCommandJournal(final JournalWriter writer, final JournalSync sync)
    {
        this.writer = writer;
        this.fsync = sync == JournalSync.FSYNC;
    }

    public void endOfBatch()
    {
        if (fsync)
        {
            writer.sync();
        }
    }

    public void appendCommand(final CommandSlot slot)
    {
        writer.append(RecordKind.COMMAND, slot.engineSequence, slot.engineTime, 0, slot.sessionId, slot.principal,
            slot.role, slot.sourceKey, slot.sourcePosition, slot.command, 0, slot.commandLength);
    }

    public long position()
    {
        return writer.lastIndex();
    }

    public void appendEvents(final CommandSlot slot)
    {
        current = slot;
        eventIndex = 0;
        slot.events.forEach(this);
    }

    public void onFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        writer.append(RecordKind.EVENT, current.engineSequence, current.engineTime, eventIndex++, current.sessionId,
            current.principal, current.role, buffer, offset, length);
    }
}
