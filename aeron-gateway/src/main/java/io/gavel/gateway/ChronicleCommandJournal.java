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
 * After a command's last record it publishes the command as complete ({@link JournalWriter#completeCommand()}), for
 * the syncer of {@code gavel.journal.sync=fsync} ({@link io.gavel.journal.JournalSyncer}, {@link DurableEgress}).
 * With {@link JournalSync#FSYNC} and no syncer, it forces the journal itself at the end of each ring batch.
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

    /**
     * @param sync {@link JournalSync#FSYNC} forces on the business thread at each batch's end (group commit; the
     *     egress runs behind the batch); the engine instead passes PAGE_CACHE and forces on a
     *     {@link io.gavel.journal.JournalSyncer}, so the business thread never waits for the device.
     */
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
        writer.completeCommand();
    }

    public void onFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        writer.append(RecordKind.EVENT, current.engineSequence, current.engineTime, eventIndex++, current.sessionId,
            current.principal, current.role, buffer, offset, length);
    }
}
