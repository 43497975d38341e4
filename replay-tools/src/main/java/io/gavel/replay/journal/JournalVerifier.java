package io.gavel.replay.journal;

import io.gavel.core.EventBuffer;
import io.gavel.core.MatchingCore;
import io.gavel.journal.JournalException;
import io.gavel.journal.JournalLayout;
import io.gavel.journal.JournalReader;
import io.gavel.sbe.AuctionCreatedDecoder;
import io.gavel.sbe.JournalRecordDecoder;
import io.gavel.sbe.LotAddedDecoder;
import io.gavel.sbe.MessageHeaderDecoder;
import io.gavel.sbe.RecordKind;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * The audit guarantee, checked: every record's hash chains to the one before; command sequences run 1, 2, 3 with no
 * gap and no repeat; and a fresh core fed the journaled commands emits exactly the journaled events, byte for byte,
 * in order. Stops at the first record that fails and says why.
 */
public final class JournalVerifier
{
    /** What verification found. */
    public static final class Report
    {
        public long records;
        public long commands;
        public long events;
        public long auctions;
        public long lots;
        public long firstTime;
        public long lastTime;
        public long lastSequence;
        /** The replayed core's state hash after the last command. */
        public long stateHash;
        /** Null when verified; else the first failure. */
        public String failure;
        public long failedRecord;

        public boolean verified()
        {
            return failure == null;
        }
    }

    private final MatchingCore core = new MatchingCore();
    private final EventBuffer expected = new EventBuffer();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final UnsafeBuffer expectedView = new UnsafeBuffer(0, 0);
    private final Report report = new Report();
    private long currentSequence;
    private int matchedEvents;
    private long currentCommandRecord;
    private int[] eventOffsets = new int[64];
    private int[] eventLengths = new int[64];

    private JournalVerifier()
    {
    }

    /** Verifies the journal in {@code dir}; {@code progress} receives the record count now and then (may be null). */
    public static Report verify(final Path dir, final LongConsumer progress)
    {
        final JournalLayout layout = JournalLayout.openExisting(dir);
        final JournalVerifier verifier = new JournalVerifier();
        try (JournalReader reader = JournalReader.open(layout))
        {
            reader.readAll((position, record, frame, offset, length, chainIntact) ->
            {
                final boolean more = verifier.onRecord(position, record, frame, offset, length, chainIntact);
                if (progress != null && (position & 0xFFFF) == 0)
                {
                    progress.accept(position);
                }
                return more;
            });
        }
        catch (final JournalException ex)
        {
            if (verifier.report.failure == null)
            {
                verifier.fail(verifier.report.records + 1, ex.getMessage());
            }
        }
        verifier.finish();
        return verifier.report;
    }

    private boolean onRecord(final long position, final JournalRecordDecoder record, final DirectBuffer frame,
        final int offset, final int length, final boolean chainIntact)
    {
        report.records = position;
        if (!chainIntact)
        {
            return fail(position, "the hash chain is broken: the record was altered, or a record before it was " +
                "removed, inserted or moved");
        }
        final long sequence = record.engineSequence();
        if (report.firstTime == 0)
        {
            report.firstTime = record.engineTime();
        }
        report.lastTime = record.engineTime();
        if (record.kind() == RecordKind.COMMAND)
        {
            if (!eventsComplete())
            {
                return fail(position, "command " + currentSequence + " (record " + currentCommandRecord +
                    ") is missing events: the core emitted " + expected.count() + ", the journal holds " +
                    matchedEvents);
            }
            if (sequence != currentSequence + 1)
            {
                return fail(position, "command sequence " + sequence + " follows " + currentSequence +
                    (sequence <= currentSequence ? " (a repeat or a move)" : " (a gap)"));
            }
            currentSequence = sequence;
            currentCommandRecord = position;
            report.commands++;
            report.lastSequence = sequence;
            core.apply(sequence, record.engineTime(), record.principal(), record.role(), frame, offset, length,
                expected);
            indexExpected();
            matchedEvents = 0;
            return true;
        }
        if (record.kind() != RecordKind.EVENT)
        {
            return fail(position, "unknown record kind " + record.kindRaw());
        }
        report.events++;
        if (sequence != currentSequence)
        {
            return fail(position, "an event of command " + sequence + " stands after command " + currentSequence);
        }
        if (matchedEvents >= expected.count())
        {
            return fail(position, "command " + sequence + " has more events in the journal than the core emits (" +
                expected.count() + ")");
        }
        if (record.eventIndex() != matchedEvents)
        {
            return fail(position, "event " + record.eventIndex() + " of command " + sequence + " stands where event " +
                matchedEvents + " belongs");
        }
        final int expectedLength = eventLengths[matchedEvents];
        expectedView.wrap(expected.buffer(), eventOffsets[matchedEvents], expectedLength);
        if (expectedLength != length || !equal(expectedView, frame, offset, length))
        {
            header.wrap(frame, offset);
            return fail(position, "event " + matchedEvents + " of command " + sequence + " (template " +
                header.templateId() + ") differs from what the core emits on replay");
        }
        countCatalogue(frame, offset);
        matchedEvents++;
        return true;
    }

    private void countCatalogue(final DirectBuffer frame, final int offset)
    {
        header.wrap(frame, offset);
        if (header.templateId() == AuctionCreatedDecoder.TEMPLATE_ID)
        {
            report.auctions++;
        }
        else if (header.templateId() == LotAddedDecoder.TEMPLATE_ID)
        {
            report.lots++;
        }
    }

    private void finish()
    {
        report.stateHash = core.stateHash();
        if (report.failure == null && !eventsComplete())
        {
            fail(report.records, "the last command (" + currentSequence + ", record " + currentCommandRecord +
                ") is missing events: the core emitted " + expected.count() + ", the journal holds " +
                matchedEvents + " (the engine stopped between journaling a command and its events)");
        }
        if (report.failure == null && report.records == 0)
        {
            fail(0, "the journal is empty");
        }
    }

    private boolean eventsComplete()
    {
        return currentSequence == 0 || matchedEvents == expected.count();
    }

    private void indexExpected()
    {
        if (expected.count() > eventOffsets.length)
        {
            eventOffsets = new int[expected.count() * 2];
            eventLengths = new int[expected.count() * 2];
        }
        final int[] index = {0};
        expected.forEach((buffer, offset, length) ->
        {
            eventOffsets[index[0]] = offset;
            eventLengths[index[0]] = length;
            index[0]++;
        });
    }

    private static boolean equal(final DirectBuffer a, final DirectBuffer b, final int bOffset, final int length)
    {
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES)
        {
            if (a.getLong(i) != b.getLong(bOffset + i))
            {
                return false;
            }
        }
        for (; i < length; i++)
        {
            if (a.getByte(i) != b.getByte(bOffset + i))
            {
                return false;
            }
        }
        return true;
    }

    private boolean fail(final long record, final String why)
    {
        report.failure = why;
        report.failedRecord = record;
        return false;
    }
}
