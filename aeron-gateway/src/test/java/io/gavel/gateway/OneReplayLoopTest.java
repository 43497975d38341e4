package io.gavel.gateway;

import io.gavel.protocol.CommandEncoder;
import io.gavel.core.EventBuffer;
import io.gavel.core.MatchingCore;
import io.gavel.journal.JournalException;
import io.gavel.journal.JournalLayout;
import io.gavel.journal.JournalWriter;
import io.gavel.replay.journal.JournalVerifier;
import io.gavel.sbe.RecordKind;
import io.gavel.sbe.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 11: recovery and verify are two uses of one replay loop. A journal whose chain is intact but whose events
 * are not what the core emits (written by a faulty or hostile writer) fails verify, and recovery refuses it for the
 * same reason at the same record, instead of building on it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OneReplayLoopTest
{
    @TempDir
    Path dir;

    @Test
    void recoveryRefusesWhatVerifyRejectsWithTheSameReason()
    {
        final Path journal = dir.resolve("journal");
        final CommandEncoder encoder = new CommandEncoder();
        final MatchingCore core = new MatchingCore();
        final EventBuffer events = new EventBuffer();
        try (JournalWriter writer = JournalWriter.open(JournalLayout.createOrOpen(journal)))
        {
            for (long sequence = 1; sequence <= 2; sequence++)
            {
                encoder.createAuction(sequence, sequence, io.gavel.sbe.Format.LIVE, "USD", 0,
                    io.gavel.sbe.TiePolicy.EARLIEST_WINS, io.gavel.sbe.RetractionPolicy.NULL_VAL, false, 0, 0, 0, 0,
                    new long[0], new long[0], 0);
                writer.append(RecordKind.COMMAND, sequence, 1_000 * sequence, 0, 5, 1, Role.ADMIN, encoder.buffer(), 0,
                    encoder.length());
                // Command 2's events are journaled as if it were applied at another sequence: chained, but false.
                core.apply(sequence == 2 ? 99 : sequence, 1_000 * sequence, 1, Role.ADMIN, encoder.buffer(), 0,
                    encoder.length(), events);
                final long seq = sequence;
                final int[] index = {0};
                events.forEach((buffer, offset, length) -> writer.append(RecordKind.EVENT, seq, 1_000 * seq,
                    index[0]++, 5, 1, Role.ADMIN, buffer, offset, length));
            }
        }
        final JournalVerifier.Report report = JournalVerifier.verify(journal, null);
        assertFalse(report.verified());
        assertTrue(report.failure.contains("differs from what the core emits on replay"), report.failure);

        final JournalException refused = assertThrows(JournalException.class,
            () -> new EngineHarness(dir).close());
        assertTrue(refused.getMessage().contains("journal record " + report.failedRecord + " fails replay: " +
            report.failure), refused.getMessage());
    }
}
