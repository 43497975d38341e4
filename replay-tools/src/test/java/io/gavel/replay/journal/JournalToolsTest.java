package io.gavel.replay.journal;

import io.gavel.protocol.CommandEncoder;
import io.gavel.core.EventBuffer;
import io.gavel.core.MatchingCore;
import io.gavel.journal.JournalLayout;
import io.gavel.journal.JournalWriter;
import io.gavel.replay.scenario.ScenarioParser;
import io.gavel.replay.scenario.ScenarioStep;
import io.gavel.sbe.RecordKind;
import io.gavel.sbe.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The auditor's tools on a journal written from a shipped scenario: audit (text, CSV, JSON, per lot), tail and stats.
 */
class JournalToolsTest
{
    @TempDir
    Path dir;

    private Path journal;

    @BeforeEach
    void writeJournal() throws Exception
    {
        // The live-ladder scenario, journaled exactly as the engine journals: command, then its events.
        final List<ScenarioStep> steps = new ScenarioParser().parse(
            Files.readAllLines(Paths.get("..", "docs", "scenarios", "r3-live-ladder.scn")));
        journal = dir.resolve("journal");
        final MatchingCore core = new MatchingCore();
        final CommandEncoder encoder = new CommandEncoder();
        final EventBuffer events = new EventBuffer();
        try (JournalWriter writer = JournalWriter.open(JournalLayout.createOrOpen(journal)))
        {
            long sequence = 0;
            for (final ScenarioStep step : steps)
            {
                sequence++;
                step.encode(encoder, step.line());
                final long principal = step.command().equals("bid") ? 1 : 900;
                writer.append(RecordKind.COMMAND, sequence, step.timeNanos(), 0, 3, principal, Role.ADMIN,
                    encoder.buffer(), 0, encoder.length());
                core.apply(sequence, step.timeNanos(), principal, Role.ADMIN, encoder.buffer(), 0, encoder.length(),
                    events);
                final long seq = sequence;
                final int[] index = {0};
                events.forEach((buffer, offset, length) -> writer.append(RecordKind.EVENT, seq, step.timeNanos(),
                    index[0]++, 3, principal, Role.ADMIN, buffer, offset, length));
            }
        }
        assertTrue(JournalVerifier.verify(journal, null).verified());
    }

    /** The fixture journals each command with its scenario line number as the correlation id. */
    private static long correlationOf(final String scenarioText)
    {
        try
        {
            final List<String> lines = Files.readAllLines(Paths.get("..", "docs", "scenarios", "r3-live-ladder.scn"));
            for (int i = 0; i < lines.size(); i++)
            {
                if (lines.get(i).contains(scenarioText))
                {
                    return i + 1;
                }
            }
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
        throw new AssertionError("no line " + scenarioText);
    }

    private static String capture(final java.util.function.Consumer<PrintStream> body)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        body.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void textAuditShowsWhoWhatWhenAndOutcome()
    {
        final String audit = capture(out -> JournalAudit.run(journal, 1, 0, JournalAudit.Format.text, out));
        // Who sent it (principal, session) and the client's own correlation id tie a command to its outcome.
        final long bidLine = correlationOf("bid auction=1 lot=1 bidder=1 amount=85");
        assertTrue(audit.contains("principal=1 ADMIN session=3 correlation=" + bidLine +
            ": bid auction=1 lot=1 bidder=1 amount=85.00 ask-version=0 -> REJECTED ASK_MOVED"), audit);
        assertTrue(audit.contains("hammer auction=1 lot=1 -> ACCEPTED"), audit);
        assertTrue(audit.contains("    LotSold auction=1 seq=17 lot=1 bidder=1 paddle=101 price=220.00"), audit);
        assertTrue(audit.contains("reopen auction=1 lot=1 -> REJECTED REOPEN_NOT_ALLOWED"), audit);
        // In order: every command line's sequence number rises.
        long last = 0;
        for (final String line : audit.lines().filter(l -> l.startsWith("#")).toList())
        {
            final long sequence = Long.parseLong(line.substring(1, line.indexOf(' ')));
            assertTrue(sequence > last, line);
            last = sequence;
        }
    }

    @Test
    void auditOfOneLotLeavesTheOtherOut()
    {
        final String lot2 = capture(out -> JournalAudit.run(journal, 1, 2, JournalAudit.Format.text, out));
        assertTrue(lot2.contains("open-lot auction=1 lot=2"), lot2);
        assertFalse(lot2.contains("floor-bid auction=1 lot=1"), lot2);
        assertEquals(0, JournalAudit.run(journal, 77, 0, JournalAudit.Format.text,
            new PrintStream(new ByteArrayOutputStream())), "nothing concerns an unknown auction");
    }

    @Test
    void csvAndJsonAuditsAreWellFormed()
    {
        final String csv = capture(out -> JournalAudit.run(journal, 1, 0, JournalAudit.Format.csv, out));
        final List<String> rows = csv.lines().toList();
        assertEquals("sequence,time,kind,principal,role,session,correlation,text,outcome", rows.get(0));
        assertTrue(rows.stream().skip(1).allMatch(r -> r.matches("\\d+,[^,]+,(command|event),.*")), csv);
        assertTrue(csv.contains(",command,1,ADMIN,3," + correlationOf("bid auction=1 lot=1 bidder=1 amount=85") +
            ",\"bid auction=1 lot=1 bidder=1 amount=85.00 ask-version=0\",\"REJECTED ASK_MOVED\""), csv);

        final String json = capture(out -> JournalAudit.run(journal, 1, 0, JournalAudit.Format.json, out));
        assertTrue(json.startsWith("[\n  {\"sequence\": 1,"), json);
        assertTrue(json.trim().endsWith("]"), json);
        assertEquals(json.chars().filter(c -> c == '{').count(), json.chars().filter(c -> c == '}').count());
        assertTrue(json.contains("\"outcome\": \"REJECTED NOT_AT_ASK\""), json);
        assertTrue(json.contains("\"principal\": 1, \"role\": \"ADMIN\", \"session\": 3, \"correlation\": " +
            correlationOf("bid auction=1 lot=1 bidder=1 amount=85") +
            ", \"command\": \"bid auction=1 lot=1 bidder=1 amount=85.00"), json);
    }

    @Test
    void tailDecodesEveryRecordAndStatsCountsThem()
    {
        final String tail = capture(out -> JournalTail.run(journal, false, () -> true, out));
        final long records = tail.lines().count();
        final JournalVerifier.Report report = JournalVerifier.verify(journal, null);
        assertEquals(report.records, records);
        assertTrue(tail.contains("event LotReopened auction=1 seq=18 lot=1 holder=1 price=220.00"), tail);
        assertFalse(tail.contains("HASH CHAIN BROKEN"));

        final String stats = capture(out -> JournalStats.run(journal, out));
        assertTrue(stats.contains("records     " + report.records + " (" + report.commands + " commands, " +
            report.events + " events)"), stats);
        assertTrue(stats.contains("command bid"), stats);
        assertTrue(stats.contains("event LotSold"), stats);
    }
}
