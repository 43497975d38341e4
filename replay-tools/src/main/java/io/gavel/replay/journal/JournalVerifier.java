package io.gavel.replay.journal;

import io.gavel.journal.JournalLayout;
import io.gavel.journal.JournalReader;
import io.gavel.journal.ReplayCursor;
import io.gavel.sbe.AuctionCreatedDecoder;
import io.gavel.sbe.JournalRecordDecoder;
import io.gavel.sbe.LotAddedDecoder;
import io.gavel.sbe.MessageHeaderDecoder;
import io.gavel.sbe.RecordKind;
import org.agrona.DirectBuffer;

import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * The audit guarantee, checked: every record's hash chains to the one before; command sequences run 1, 2, 3 with no
 * gap and no repeat; and a fresh core, built with the settings the journal records, fed the journaled commands emits
 * exactly the journaled events, byte for byte, in order. Stops at the first record that fails and says why. The loop
 * itself is {@link ReplayCursor}, the same one recovery runs.
 */
public final class JournalVerifier implements ReplayCursor.Observer
{
    /** What verification found. */
    public static final class Report
    {
        public long records;
        public long commands;
        public long events;
        /** Settings records: one per engine start. */
        public long settings;
        /** The idempotency window the replay ran with (the journal's, or the default if it records none). */
        public int correlationWindow;
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

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final Report report = new Report();

    private JournalVerifier()
    {
    }

    /** Verifies the journal in {@code dir}; {@code progress} receives the record count now and then (may be null). */
    public static Report verify(final Path dir, final LongConsumer progress)
    {
        final JournalLayout layout = JournalLayout.openExisting(dir);
        final JournalVerifier verifier = new JournalVerifier();
        final CoreReplayPort port = new CoreReplayPort();
        try (JournalReader reader = JournalReader.open(layout))
        {
            final ReplayCursor cursor = new ReplayCursor(reader, port, 0, verifier);
            while (cursor.next())
            {
                if (progress != null && (cursor.records() & 0xFFFF) == 0)
                {
                    progress.accept(cursor.records());
                }
            }
            verifier.finish(cursor, port);
        }
        return verifier.report;
    }

    public void onRecord(final JournalRecordDecoder record, final DirectBuffer frame, final int offset,
        final int length)
    {
        if (record.kind() != RecordKind.EVENT)
        {
            return;
        }
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

    private void finish(final ReplayCursor cursor, final CoreReplayPort port)
    {
        if (cursor.missingEvents() > 0)
        {
            cursor.fail(cursor.records(), "the last command (" + cursor.lastSequence() + ", record " +
                cursor.lastCommandRecord() + ") is missing events: the core emitted " +
                (cursor.journaledEvents() + cursor.missingEvents()) + ", the journal holds " +
                cursor.journaledEvents() + " (the engine stopped between journaling a command and its events)");
        }
        if (cursor.records() == 0)
        {
            cursor.fail(0, "the journal is empty");
        }
        report.records = cursor.records();
        report.commands = cursor.commands();
        report.events = cursor.events();
        report.settings = cursor.settingsRecords();
        report.firstTime = cursor.firstTime();
        report.lastTime = cursor.lastTime();
        report.lastSequence = cursor.lastSequence();
        report.stateHash = port.core().stateHash();
        report.correlationWindow = port.core().correlationWindow();
        report.failure = cursor.failure();
        report.failedRecord = cursor.failedRecord();
    }
}
