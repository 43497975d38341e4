package io.gavel.gateway;

import io.gavel.journal.JournalLayout;
import io.gavel.journal.JournalReader;
import io.gavel.sbe.RecordKind;
import org.agrona.collections.Long2LongHashMap;

/**
 * For each client stream (Aeron image: session id and initial term id), the highest stream position of a command the
 * journal holds. A restarted engine whose new subscription joins a client's stream where the dead engine's
 * subscription stood would otherwise read, and sequence again, commands already journaled; the ingress skips frames
 * at or below these positions. Read from every command record of the journal (the snapshot does not keep it), which
 * costs one pass over the record heads at start-up.
 */
final class JournaledPositions
{
    private JournaledPositions()
    {
    }

    /** The positions; a stream the journal never heard from reads as -1. */
    static Long2LongHashMap read(final JournalLayout layout)
    {
        final Long2LongHashMap positions = new Long2LongHashMap(-1);
        try (JournalReader reader = JournalReader.open(layout))
        {
            reader.readAll((position, record, frame, offset, length, chainIntact) ->
            {
                final long source = record.sourceKey();
                if (record.kind() == RecordKind.COMMAND && source != 0 &&
                    record.sourcePosition() > positions.get(source))
                {
                    positions.put(source, record.sourcePosition());
                }
                return true;
            });
        }
        return positions;
    }
}
