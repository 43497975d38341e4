package io.gavel.replay.journal;

import io.gavel.journal.JournalLayout;
import io.gavel.journal.JournalReader;
import io.gavel.sbe.RecordKind;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ordered history of one auction (optionally one lot) as an auditor reads it: every command that concerns it —
 * who sent it (principal, role, session), the client's correlation id, what, when, its engine sequence — with its
 * outcome, and every event, in sequence order. Text, CSV or
 * JSON.
 */
public final class JournalAudit
{
    /** Output formats. */
    public enum Format
    {
        text, csv, json
    }

    private final RecordText text = new RecordText();
    private final PrintStream out;
    private final long auctionId;
    private final long lotId;
    private final Format format;
    private Entry current;
    private boolean firstJson = true;
    private long printed;

    private static final class Entry
    {
        long sequence;
        long time;
        long principal;
        String role;
        long session;
        long correlation;
        String command;
        boolean concerns;
        String outcome = "NO RESPONSE";
        final List<String> events = new ArrayList<>();
    }

    private JournalAudit(final PrintStream out, final long auctionId, final long lotId, final Format format)
    {
        this.out = out;
        this.auctionId = auctionId;
        this.lotId = lotId;
        this.format = format;
    }

    /** Prints the audit; returns the number of commands printed. */
    public static long run(final Path dir, final long auctionId, final long lotId, final Format format,
        final PrintStream out)
    {
        final JournalAudit audit = new JournalAudit(out, auctionId, lotId, format);
        if (format == Format.csv)
        {
            out.println("sequence,time,kind,principal,role,session,correlation,text,outcome");
        }
        else if (format == Format.json)
        {
            out.println("[");
        }
        try (JournalReader reader = JournalReader.open(JournalLayout.openExisting(dir)))
        {
            reader.readAll((position, record, frame, offset, length, chainIntact) ->
            {
                if (record.kind() == RecordKind.COMMAND)
                {
                    audit.flush();
                    final Entry entry = new Entry();
                    entry.sequence = record.engineSequence();
                    entry.time = record.engineTime();
                    entry.principal = record.principal();
                    entry.role = String.valueOf(record.role());
                    entry.session = record.sessionId();
                    entry.correlation = RecordText.correlationId(frame, offset, length);
                    entry.command = audit.text.command(frame, offset, length);
                    entry.concerns = audit.matches(audit.text.commands.auctionId(), audit.text.commands.lotId());
                    audit.current = entry;
                }
                else if (audit.current != null && record.kind() == RecordKind.EVENT)
                {
                    final String outcome = audit.text.outcome(frame, offset);
                    if (outcome != null)
                    {
                        audit.current.outcome = outcome;
                    }
                    else
                    {
                        final String event = audit.text.event(frame, offset);
                        final long eventAuction = audit.text.events.auctionId();
                        if (audit.matches(eventAuction, audit.text.events.lotId()))
                        {
                            audit.current.events.add(event);
                            audit.current.concerns = true;
                        }
                    }
                }
                return true;
            });
        }
        audit.flush();
        if (format == Format.json)
        {
            out.println();
            out.println("]");
        }
        return audit.printed;
    }

    private boolean matches(final long auction, final long lot)
    {
        return auction == auctionId && (lotId == 0 || lot == 0 || lot == lotId);
    }

    private void flush()
    {
        final Entry entry = current;
        current = null;
        if (entry == null || !entry.concerns)
        {
            return;
        }
        printed++;
        switch (format)
        {
            case text:
                out.printf("#%d %s principal=%d %s session=%d correlation=%d: %s -> %s%n", entry.sequence,
                    RecordText.time(entry.time), entry.principal, entry.role, entry.session, entry.correlation,
                    entry.command, entry.outcome);
                for (final String event : entry.events)
                {
                    out.println("    " + event);
                }
                break;
            case csv:
                out.println(entry.sequence + "," + RecordText.time(entry.time) + ",command," + entry.principal + "," +
                    entry.role + "," + entry.session + "," + entry.correlation + "," + csv(entry.command) + "," +
                    csv(entry.outcome));
                for (final String event : entry.events)
                {
                    out.println(entry.sequence + "," + RecordText.time(entry.time) + ",event,,,,," + csv(event) + ",");
                }
                break;
            case json:
                out.print(firstJson ? "" : ",\n");
                firstJson = false;
                out.print("  {\"sequence\": " + entry.sequence + ", \"time\": " + json(RecordText.time(entry.time)) +
                    ", \"principal\": " + entry.principal + ", \"role\": " + json(entry.role) + ", \"session\": " +
                    entry.session + ", \"correlation\": " + entry.correlation + ", \"command\": " +
                    json(entry.command) +
                    ", \"outcome\": " + json(entry.outcome) + ", \"events\": [");
                for (int i = 0; i < entry.events.size(); i++)
                {
                    out.print((i == 0 ? "" : ", ") + json(entry.events.get(i)));
                }
                out.print("]}");
                break;
            default:
                break;
        }
    }

    private static String csv(final String value)
    {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    static String json(final String value)
    {
        final StringBuilder out = new StringBuilder("\"");
        for (final char c : value.toCharArray())
        {
            switch (c)
            {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                default:
                    if (c < 0x20)
                    {
                        out.append(String.format("\\u%04x", (int)c));
                    }
                    else
                    {
                        out.append(c);
                    }
            }
        }
        return out.append('"').toString();
    }
}
