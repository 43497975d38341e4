package io.gavel.gateway;

import io.gavel.core.EventBuffer;
import io.gavel.core.MatchingCore;
import io.gavel.journal.JournalException;
import io.gavel.journal.JournalLayout;
import io.gavel.journal.JournalReader;
import io.gavel.journal.JournalWriter;
import io.gavel.sbe.RecordKind;
import io.gavel.sbe.Role;

/**
 * Recovery on restart: applies the journaled commands after a snapshot (or all of them) to the core, in order, so the
 * engine continues exactly where the journal ends. A broken hash chain or a gap stops the restart: an engine must not
 * build on a damaged history. If the engine died between journaling a command and its events, the events the core
 * emits for that command now are journaled, so the journal is whole again.
 */
final class JournalReplay
{
    /** What recovery did. */
    record Result(long commandsReplayed, long lastSequence, int eventsCompleted)
    {
    }

    private JournalReplay()
    {
    }

    /** Where replay stands: the last command applied, and how many of its events the journal holds. */
    private static final class Progress
    {
        long sequence;
        long replayed;
        int journaledEvents;
        long time;
        long sessionId;
        long principal;
        Role role = Role.NULL_VAL;
    }

    static Result rebuild(final JournalLayout layout, final MatchingCore core, final long snapshotSequence,
        final long snapshotIndex, final JournalWriter writer)
    {
        final EventBuffer events = new EventBuffer();
        final Progress progress = new Progress();
        progress.sequence = snapshotSequence;
        try (JournalReader reader = snapshotIndex >= 0 && snapshotSequence > 0 ?
            JournalReader.openAfter(layout, snapshotIndex) : JournalReader.open(layout))
        {
            reader.readAll((position, record, frame, offset, length, chainIntact) ->
            {
                if (!chainIntact)
                {
                    throw new JournalException("journal record " + position + " fails the hash chain; run " +
                        "'gavel journal verify " + layout.root() + "' before restarting on it");
                }
                if (record.kind() == RecordKind.COMMAND)
                {
                    final long sequence = record.engineSequence();
                    if (sequence != progress.sequence + 1)
                    {
                        throw new JournalException("journal command " + sequence + " follows " + progress.sequence +
                            ": the journal has a gap or a repeat");
                    }
                    core.apply(sequence, record.engineTime(), record.principal(), record.role(), frame, offset, length,
                        events);
                    progress.sequence = sequence;
                    progress.replayed++;
                    progress.journaledEvents = 0;
                    progress.time = record.engineTime();
                    progress.sessionId = record.sessionId();
                    progress.principal = record.principal();
                    progress.role = record.role();
                }
                else
                {
                    progress.journaledEvents++;
                }
                return true;
            });
        }
        int completed = 0;
        if (progress.replayed > 0 && progress.journaledEvents < events.count())
        {
            completed = completeEvents(events, progress, writer);
        }
        return new Result(progress.replayed, progress.sequence, completed);
    }

    private static int completeEvents(final EventBuffer events, final Progress progress, final JournalWriter writer)
    {
        final int[] index = {0};
        events.forEach((buffer, offset, length) ->
        {
            if (index[0] >= progress.journaledEvents)
            {
                writer.append(RecordKind.EVENT, progress.sequence, progress.time, index[0], progress.sessionId,
                    progress.principal, progress.role, buffer, offset, length);
            }
            index[0]++;
        });
        return events.count() - progress.journaledEvents;
    }
}
