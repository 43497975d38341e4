package io.gavel.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code checkpoints.log} in the journal directory: one signed checkpoint per line, appended and forced to disk,
 * never rewritten. A sidecar rather than journal records: the signer works off the business thread, and the
 * journal's single writer belongs to that thread (see docs/DESIGN.md).
 */
public final class CheckpointLog
{
    public static final String FILE = "checkpoints.log";

    private CheckpointLog()
    {
    }

    public static Path file(final JournalLayout layout)
    {
        return layout.root().resolve(FILE);
    }

    /** The log's lines, in order; empty when there is no log. */
    public static List<String> lines(final JournalLayout layout)
    {
        final Path file = file(layout);
        if (!Files.exists(file))
        {
            return new ArrayList<>();
        }
        try
        {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot read " + file + ": " + ex.getMessage(), ex);
        }
    }

    /** Appends one line and forces it to disk. */
    static void append(final JournalLayout layout, final String line)
    {
        final Path file = file(layout);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND))
        {
            final ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining())
            {
                channel.write(bytes);
            }
            channel.force(true);
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot append to " + file + ": " + ex.getMessage(), ex);
        }
    }
}
