package io.gavel.gateway;

import io.gavel.core.EventBuffer;
import io.gavel.core.MatchingCore;
import io.gavel.journal.JournalException;
import io.gavel.journal.JournalLayout;
import io.gavel.journal.JournalReader;
import io.gavel.sbe.RecordKind;

/**
 * Recovery on restart: applies every journaled command, in order, to a fresh core, so the engine continues exactly
 * where the journal ends. A broken hash chain stops the restart: an engine must not build on a damaged history.
 */
final class JournalReplay
{
    private JournalReplay()
    {
    }

    static long rebuild(final JournalLayout layout, final MatchingCore core)
    {
        final EventBuffer scratch = new EventBuffer();
        try (JournalReader reader = JournalReader.open(layout))
        {
            final long[] applied = {0};
            reader.readAll((position, record, frame, offset, length, chainIntact) ->
            {
                if (!chainIntact)
                {
                    throw new JournalException("journal record " + position + " fails the hash chain; run " +
                        "'gavel journal verify " + layout.root() + "' before restarting on it");
                }
                if (record.kind() == RecordKind.COMMAND)
                {
                    core.apply(record.engineSequence(), record.engineTime(), record.principal(), record.role(),
                        frame, offset, length, scratch);
                    applied[0]++;
                }
                return true;
            });
            return applied[0];
        }
    }
}
