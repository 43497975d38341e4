package io.gavel.gateway;

import io.gavel.core.EventBuffer;
import io.gavel.core.MatchingCore;
import io.gavel.journal.JournalException;
import io.gavel.journal.JournalLayout;
import io.gavel.journal.JournalReader;
import io.gavel.journal.JournalWriter;
import io.gavel.sbe.JournalRecordDecoder;
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

    static Result rebuild(final JournalLayout layout, final MatchingCore core, final long snapshotSequence,
        final long snapshotIndex, final JournalWriter writer)
    {
        final EventBuffer events = new EventBuffer();
        final long[] state = {snapshotSequence, 0, 0, 0, 0, 0}; // sequence, replayed, journaled events, time, session, principal
        final Role[] role = {Role.NULL_VAL};
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
                    if (sequence != state[0] + 1)
                    {
                        throw new JournalException("journal command " + sequence + " follows " + state[0] +
                            ": the journal has a gap or a repeat");
                    }
                    core.apply(sequence, record.engineTime(), record.principal(), record.role(), frame, offset, length,
                        events);
                    state[0] = sequence;
                    state[1]++;
                    state[2] = 0;
                    remember(record, state, role);
                }
                else
                {
                    state[2]++;
                }
                return true;
            });
        }
        int completed = 0;
        if (state[1] > 0 && state[2] < events.count())
        {
            completed = completeEvents(events, (int)state[2], state, role[0], writer);
        }
        return new Result(state[1], state[0], completed);
    }

    private static void remember(final JournalRecordDecoder record, final long[] state, final Role[] role)
    {
        state[3] = record.engineTime();
        state[4] = record.sessionId();
        state[5] = record.principal();
        role[0] = record.role();
    }

    private static int completeEvents(final EventBuffer events, final int alreadyJournaled, final long[] state,
        final Role role, final JournalWriter writer)
    {
        final int[] index = {0};
        events.forEach((buffer, offset, length) ->
        {
            if (index[0] >= alreadyJournaled)
            {
                writer.append(RecordKind.EVENT, state[0], state[3], index[0], state[4], state[5], role, buffer,
                    offset, length);
            }
            index[0]++;
        });
        return events.count() - alreadyJournaled;
    }
}
