package io.gavel.cluster;

import io.gavel.journal.JournalLayout;
import io.gavel.journal.JournalReader;
import io.gavel.sbe.BooleanType;
import io.gavel.sbe.CommandAcceptedDecoder;
import io.gavel.sbe.CommandRejectedDecoder;
import io.gavel.sbe.MessageHeaderDecoder;
import io.gavel.sbe.RecordKind;
import org.agrona.collections.Long2LongHashMap;

import java.nio.file.Path;

/**
 * What a member's audit journal holds, read without its lock (as {@code gavel journal verify} does): record count,
 * the last record's chain hash (equal chain hashes mean equal records, byte for byte), the last engine sequence, and
 * for every correlation id how many first (non-duplicate) answers it got, accepted ones as positive counts.
 */
record JournalSummary(long records, long lastChainHash, long lastSequence, Long2LongHashMap acceptedAnswers,
    Long2LongHashMap rejectedAnswers)
{
    static JournalSummary read(final Path dir)
    {
        final long[] totals = new long[3];
        final Long2LongHashMap accepted = new Long2LongHashMap(0);
        final Long2LongHashMap rejected = new Long2LongHashMap(0);
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final CommandAcceptedDecoder acceptedDecoder = new CommandAcceptedDecoder();
        final CommandRejectedDecoder rejectedDecoder = new CommandRejectedDecoder();
        try (JournalReader reader = JournalReader.open(JournalLayout.openExisting(dir)))
        {
            reader.readAll((position, record, frame, offset, length, chainIntact) ->
            {
                totals[0]++;
                totals[1] = record.chainHash();
                totals[2] = record.engineSequence();
                if (record.kind() == RecordKind.EVENT)
                {
                    header.wrap(frame, offset);
                    if (header.templateId() == CommandAcceptedDecoder.TEMPLATE_ID)
                    {
                        acceptedDecoder.wrapAndApplyHeader(frame, offset, header);
                        if (acceptedDecoder.duplicate() != BooleanType.TRUE)
                        {
                            accepted.put(acceptedDecoder.correlationId(),
                                accepted.get(acceptedDecoder.correlationId()) + 1);
                        }
                    }
                    else if (header.templateId() == CommandRejectedDecoder.TEMPLATE_ID)
                    {
                        rejectedDecoder.wrapAndApplyHeader(frame, offset, header);
                        if (rejectedDecoder.duplicate() != BooleanType.TRUE)
                        {
                            rejected.put(rejectedDecoder.correlationId(),
                                rejected.get(rejectedDecoder.correlationId()) + 1);
                        }
                    }
                }
                return true;
            });
        }
        return new JournalSummary(totals[0], totals[1], totals[2], accepted, rejected);
    }
}
