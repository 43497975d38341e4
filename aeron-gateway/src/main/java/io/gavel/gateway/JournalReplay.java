package io.gavel.gateway;

import io.gavel.core.EventBuffer;
import io.gavel.core.MatchingCore;
import io.gavel.journal.JournalException;
import io.gavel.journal.JournalLayout;
import io.gavel.journal.JournalReader;
import io.gavel.journal.JournalSettings;
import io.gavel.journal.JournalWriter;
import io.gavel.journal.ReplayCursor;
import io.gavel.journal.ReplayPort;
import io.gavel.sbe.RecordKind;
import io.gavel.sbe.Role;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Recovery on restart: applies the journaled commands after a snapshot (or all of them) to the core, in order, so the
 * engine continues exactly where the journal ends. It runs the same {@link ReplayCursor} as {@code gavel journal
 * verify}: a broken hash chain, a gap, an event that differs from what the core emits or a settings record the core
 * does not run with stops the restart, since an engine must not build on a damaged history. If the engine died
 * between journaling a command and its events, the events the core emits for that command now are journaled, so the
 * journal is whole again.
 */
final class JournalReplay implements ReplayPort
{
    /** What recovery did. */
    record Result(long commandsReplayed, long lastSequence, int eventsCompleted)
    {
    }

    private final MatchingCore core;
    private final EventBuffer events = new EventBuffer();
    private int walkIndex;
    private int walkOffset;

    JournalReplay(final MatchingCore core)
    {
        this.core = core;
    }

    static Result rebuild(final JournalLayout layout, final MatchingCore core, final long snapshotSequence,
        final long snapshotIndex, final JournalWriter writer)
    {
        final JournalReplay port = new JournalReplay(core);
        final ReplayCursor cursor;
        try (JournalReader reader = snapshotIndex >= 0 && snapshotSequence > 0 ?
            JournalReader.openAfter(layout, snapshotIndex) : JournalReader.open(layout))
        {
            cursor = new ReplayCursor(reader, port, snapshotSequence, null);
            if (!cursor.replayAll())
            {
                // After a snapshot the reader counts the snapshot's own record as 1.
                final boolean fromSnapshot = snapshotIndex >= 0 && snapshotSequence > 0;
                throw new JournalException((fromSnapshot ? "record " + (cursor.failedRecord() - 1) +
                    " after the snapshot at sequence " + snapshotSequence : "journal record " +
                    cursor.failedRecord()) + " fails replay: " + cursor.failure() + "; run 'gavel journal verify " +
                    layout.root() + "' before restarting on it");
            }
        }
        int completed = 0;
        if (cursor.missingEvents() > 0)
        {
            completed = port.completeEvents(cursor, writer);
        }
        return new Result(cursor.commands(), cursor.lastSequence(), completed);
    }

    public String onSettings(final JournalSettings settings)
    {
        if (settings.correlationWindow() != core.correlationWindow())
        {
            return "the journal records gavel.correlation.window=" + settings.correlationWindow() +
                " but the core runs with " + core.correlationWindow();
        }
        return null;
    }

    public int apply(final long sequence, final long time, final long principal, final Role role,
        final DirectBuffer frame, final int offset, final int length)
    {
        walkIndex = 0;
        walkOffset = 0;
        return core.apply(sequence, time, principal, role, frame, offset, length, events);
    }

    public void event(final int index, final UnsafeBuffer view)
    {
        // Events are asked for in order, so this walks the length-prefixed frames once per command.
        if (index < walkIndex)
        {
            walkIndex = 0;
            walkOffset = 0;
        }
        while (walkIndex < index)
        {
            walkOffset += EventBuffer.LENGTH_PREFIX + events.buffer().getInt(walkOffset);
            walkIndex++;
        }
        view.wrap(events.buffer(), walkOffset + EventBuffer.LENGTH_PREFIX, events.buffer().getInt(walkOffset));
    }

    private int completeEvents(final ReplayCursor cursor, final JournalWriter writer)
    {
        final UnsafeBuffer view = new UnsafeBuffer(0, 0);
        final int first = cursor.journaledEvents();
        final int missing = cursor.missingEvents();
        for (int i = first; i < first + missing; i++)
        {
            event(i, view);
            writer.append(RecordKind.EVENT, cursor.lastSequence(), cursor.lastCommandTime(), i,
                cursor.lastCommandSessionId(), cursor.lastCommandPrincipal(), cursor.lastCommandRole(), view, 0,
                view.capacity());
        }
        return missing;
    }
}
