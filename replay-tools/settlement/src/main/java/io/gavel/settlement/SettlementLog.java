package io.gavel.settlement;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The settlement checkpoint's change log, beside the checkpoint file ({@code FILE.log}): each save appends only the
 * entries that changed, as one batch closed by a {@code commit} line with the batch's line count and CRC-32, and
 * forces it; the whole checkpoint is rewritten only when the log has grown past it. A checkpoint rewritten whole
 * every save (three times a sale) made settling a tick of thousands of sales slow, and a year of sales slower.
 * <p>
 * The log names the checkpoint it follows by that file's CRC-32 in its first line, so a log left from before the
 * checkpoint was last rewritten (a crash between the two) is recognised and ignored. Only whole batches are applied:
 * a crash in the middle of an append leaves a tail without its commit line, which loading drops, so a restart sees
 * the state of one save or the next, never half of one.
 */
final class SettlementLog
{
    private static final String MAGIC = "gavel-settlement-log 1";

    private SettlementLog()
    {
    }

    /** What a log held: its complete batches' lines in order, and whether anything followed the last one. */
    record Contents(List<String> lines, boolean tornTail, long validBytes)
    {
    }

    static Path of(final Path checkpoint)
    {
        final Path absolute = checkpoint.toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + ".log");
    }

    static long crc(final byte[] bytes)
    {
        final CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    /**
     * Reads the log of the checkpoint whose bytes have CRC {@code checkpointCrc}: null when there is none or it
     * follows another checkpoint. A complete batch that does not check is damage, not a crash, and is refused.
     */
    static Contents read(final Path log, final long checkpointCrc)
    {
        final byte[] bytes;
        try
        {
            bytes = Files.readAllBytes(log);
        }
        catch (final NoSuchFileException ex)
        {
            return null;
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read the settlement log " + log + ": " + ex.getMessage());
        }
        // The first line is written whole (start() renames a complete file into place), so a log without one is
        // no log of ours.
        final int headerEnd = lineEnd(bytes, 0);
        final String header = new String(bytes, 0, headerEnd < 0 ? bytes.length : headerEnd, StandardCharsets.UTF_8);
        if (headerEnd < 0 || !header.startsWith(MAGIC + " "))
        {
            throw new IllegalStateException(log + " is not a settlement log (first line: " + header + ")");
        }
        if (!header.equals(MAGIC + " " + checkpointCrc))
        {
            return null; // the log of an earlier checkpoint: everything in it is in the checkpoint already
        }
        final List<String> applied = new ArrayList<>();
        final List<String> batch = new ArrayList<>();
        final CRC32 crc = new CRC32();
        int at = headerEnd + 1;
        int validEnd = at;
        for (int end; (end = lineEnd(bytes, at)) >= 0; at = end + 1)
        {
            final String line = new String(bytes, at, end - at, StandardCharsets.UTF_8);
            if (line.startsWith("commit "))
            {
                if (!commits(line, batch.size(), crc.getValue()))
                {
                    throw new IllegalStateException(log + " is damaged: a batch of " + batch.size() +
                        " entries does not match its commit line '" + line + "'");
                }
                applied.addAll(batch);
                batch.clear();
                crc.reset();
                validEnd = end + 1;
            }
            else
            {
                batch.add(line);
                crc.update(bytes, at, end + 1 - at);
            }
        }
        return new Contents(applied, validEnd < bytes.length, validEnd);
    }

    /** The index of the first newline at or after {@code from}, or -1. */
    private static int lineEnd(final byte[] bytes, final int from)
    {
        for (int i = from; i < bytes.length; i++)
        {
            if (bytes[i] == '\n')
            {
                return i;
            }
        }
        return -1;
    }

    private static boolean commits(final String line, final int entries, final long crc)
    {
        final String[] f = line.split(" ");
        try
        {
            return f.length == 3 && Integer.parseInt(f[1]) == entries && Long.parseLong(f[2]) == crc;
        }
        catch (final NumberFormatException ex)
        {
            return false;
        }
    }

    /** Starts an empty log following the checkpoint whose bytes have CRC {@code checkpointCrc}. */
    static void start(final Path log, final long checkpointCrc)
    {
        writeDurably(log, (MAGIC + " " + checkpointCrc + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Appends one batch and its commit line and forces them; returns the bytes appended. */
    static long append(final Path log, final List<String> lines)
    {
        final StringBuilder entries = new StringBuilder();
        lines.forEach(line -> entries.append(line).append('\n'));
        final byte[] entryBytes = entries.toString().getBytes(StandardCharsets.UTF_8);
        final CRC32 crc = new CRC32();
        crc.update(entryBytes);
        final byte[] commit = ("commit " + lines.size() + ' ' + crc.getValue() + '\n').getBytes(StandardCharsets.UTF_8);
        final ByteBuffer bytes = ByteBuffer.allocate(entryBytes.length + commit.length).put(entryBytes).put(commit)
            .flip();
        final long length = bytes.remaining();
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE, StandardOpenOption.APPEND))
        {
            while (bytes.hasRemaining())
            {
                channel.write(bytes);
            }
            channel.force(false);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot append to the settlement log " + log + ": " + ex);
        }
        return length;
    }

    /** Writes a file durably: temporary file, force, atomic move, force the directory. */
    static void writeDurably(final Path file, final byte[] content)
    {
        final Path absolute = file.toAbsolutePath();
        final Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        try
        {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING))
            {
                final ByteBuffer bytes = ByteBuffer.wrap(content);
                while (bytes.hasRemaining())
                {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel directory = FileChannel.open(absolute.getParent(), StandardOpenOption.READ))
            {
                directory.force(true);
            }
            catch (final IOException ignored)
            {
                // Some file systems cannot force a directory; the rename itself is atomic either way.
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot write the settlement checkpoint " + file + ": " + ex);
        }
    }
}
