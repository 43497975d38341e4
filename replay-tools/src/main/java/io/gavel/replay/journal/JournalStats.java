package io.gavel.replay.journal;

import io.gavel.journal.JournalLayout;
import io.gavel.journal.JournalReader;
import io.gavel.sbe.MessageHeaderDecoder;
import io.gavel.sbe.RecordKind;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Counts and sizes of a journal: records by kind and by message, bytes, files on disk, time span.
 */
public final class JournalStats
{
    private JournalStats()
    {
    }

    public static void run(final Path dir, final PrintStream out)
    {
        final JournalLayout layout = JournalLayout.openExisting(dir);
        final Map<String, long[]> byMessage = new TreeMap<>();
        final long[] totals = new long[7];
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final RecordText text = new RecordText();
        try (JournalReader reader = JournalReader.open(layout))
        {
            reader.readAll((position, record, frame, offset, length, chainIntact) ->
            {
                totals[0]++;
                totals[record.kind() == RecordKind.COMMAND ? 1 : record.kind() == RecordKind.EVENT ? 2 : 6]++;
                totals[3] += length;
                if (totals[4] == 0)
                {
                    totals[4] = record.engineTime();
                }
                totals[5] = Math.max(totals[5], record.engineSequence());
                final String name = record.kind() == RecordKind.COMMAND ?
                    "command " + firstWord(text.command(frame, offset, length)) :
                    record.kind() == RecordKind.EVENT ? "event " + firstWord(text.event(frame, offset)) : "settings";
                final long[] counts = byMessage.computeIfAbsent(name, k -> new long[2]);
                counts[0]++;
                counts[1] += length;
                header.wrap(frame, offset);
                return true;
            });
        }
        long files = 0;
        long diskBytes = 0;
        try (Stream<Path> list = Files.list(layout.queueDir()))
        {
            for (final Path file : (Iterable<Path>)list::iterator)
            {
                files++;
                diskBytes += Files.size(file);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        out.printf("journal     %s%n", dir.toAbsolutePath());
        out.printf("records     %d (%d commands, %d events%s)%n", totals[0], totals[1], totals[2],
            totals[6] == 0 ? "" : ", " + totals[6] + " settings");
        out.printf("sequence    last command %d%n", totals[5]);
        out.printf("frames      %d bytes of SBE (%.1f per record)%n", totals[3],
            totals[0] == 0 ? 0.0 : (double)totals[3] / totals[0]);
        out.printf("disk        %d files, %d bytes in %s%n", files, diskBytes, layout.queueDir().getFileName());
        if (totals[0] > 0)
        {
            out.printf("from        %s%n", RecordText.time(totals[4]));
        }
        out.println();
        out.printf("%-32s %10s %12s%n", "message", "records", "bytes");
        for (final Map.Entry<String, long[]> entry : byMessage.entrySet())
        {
            out.printf("%-32s %10d %12d%n", entry.getKey(), entry.getValue()[0], entry.getValue()[1]);
        }
    }

    private static String firstWord(final String line)
    {
        final int space = line.indexOf(' ');
        return space < 0 ? line : line.substring(0, space);
    }
}
