package io.gavel.replay.journal;

import io.gavel.journal.Checkpoint;
import io.gavel.journal.CheckpointLog;
import io.gavel.journal.JournalException;
import io.gavel.journal.JournalLayout;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * {@code gavel journal checkpoints DIR}: the journal's signed checkpoints, exported for the house's auditor, who keeps
 * them apart from the journal. Text is the log's own lines (what was signed, and the signature); JSON has each
 * checkpoint's fields and its line.
 */
public final class JournalCheckpoints
{
    private JournalCheckpoints()
    {
    }

    /** Prints the checkpoints; returns how many. A damaged line is an error naming it. */
    public static int run(final Path dir, final JournalAudit.Format format, final PrintStream out)
    {
        final JournalLayout layout = JournalLayout.openExisting(dir);
        final List<String> lines = CheckpointLog.lines(layout);
        if (format == JournalAudit.Format.json)
        {
            out.println("[");
        }
        else if (format == JournalAudit.Format.csv)
        {
            out.println("checkpoint,from,to,time,chain,sha256,previous,key,signature");
        }
        for (int i = 0; i < lines.size(); i++)
        {
            final Checkpoint checkpoint;
            try
            {
                checkpoint = Checkpoint.parse(lines.get(i));
            }
            catch (final JournalException ex)
            {
                throw new JournalException("line " + (i + 1) + " of " + CheckpointLog.file(layout) + " is damaged: " +
                    ex.getMessage(), ex);
            }
            final String signature = Base64.getEncoder().encodeToString(checkpoint.signature());
            switch (format)
            {
                case json:
                    out.print((i == 0 ? "" : ",\n") + "  {\"checkpoint\": " + (i + 1) + ", \"from\": " +
                        checkpoint.from() + ", \"to\": " + checkpoint.to() + ", \"time\": \"" + checkpoint.time() +
                        "\", \"chain\": \"" + String.format("%016x", checkpoint.chain()) + "\", \"sha256\": \"" +
                        checkpoint.sha256Hex() + "\", \"previous\": \"" + checkpoint.previousHex() + "\", \"key\": " +
                        JournalAudit.json(checkpoint.key()) + ", \"signature\": \"" + signature + "\", \"line\": " +
                        JournalAudit.json(lines.get(i)) + "}");
                    break;
                case csv:
                    out.println((i + 1) + "," + checkpoint.from() + "," + checkpoint.to() + "," + checkpoint.time() +
                        "," + String.format("%016x", checkpoint.chain()) + "," + checkpoint.sha256Hex() + "," +
                        checkpoint.previousHex() + "," + checkpoint.key() + "," + signature);
                    break;
                default:
                    out.println(lines.get(i));
                    break;
            }
        }
        if (format == JournalAudit.Format.json)
        {
            out.println(lines.isEmpty() ? "]" : "\n]");
        }
        return lines.size();
    }
}
