package io.gavel.replay.journal;

import io.gavel.journal.JournalLayout;
import io.gavel.journal.JournalReader;
import io.gavel.sbe.RecordKind;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Decodes journal records as they arrive: every record now, then, with follow, new ones until stopped.
 */
public final class JournalTail
{
    private JournalTail()
    {
    }

    /** Prints records; with {@code follow}, keeps reading until {@code stopped} says so. Returns records printed. */
    public static long run(final Path dir, final boolean follow, final BooleanSupplier stopped, final PrintStream out)
    {
        final RecordText text = new RecordText();
        final IdleStrategy idle = new BackoffIdleStrategy(1, 1, 1_000, 50_000_000);
        long count = 0;
        try (JournalReader reader = JournalReader.open(JournalLayout.openExisting(dir)))
        {
            final JournalReader.RecordVisitor printer = (position, record, frame, offset, length, chainIntact) ->
            {
                final String line = record.kind() == RecordKind.COMMAND ?
                    "command principal=" + record.principal() + " " + record.role() + " session=" +
                    record.sessionId() + ": " + text.command(frame, offset, length) :
                    record.kind() == RecordKind.EVENT ? "event " + text.event(frame, offset) :
                    RecordText.settings(record, frame, offset, length);
                out.printf("#%d %s %s%s%n", record.engineSequence(), RecordText.time(record.engineTime()), line,
                    chainIntact ? "" : "   <-- HASH CHAIN BROKEN");
                return true;
            };
            while (true)
            {
                if (reader.readOne(printer))
                {
                    count++;
                    idle.reset();
                    continue;
                }
                out.flush();
                if (!follow || stopped.getAsBoolean())
                {
                    return count;
                }
                idle.idle();
            }
        }
    }
}
