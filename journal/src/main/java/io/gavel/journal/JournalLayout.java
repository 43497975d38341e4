package io.gavel.journal;

import io.gavel.sbe.MessageHeaderDecoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A journal directory: {@code gavel-journal.properties} (what wrote it), {@code queue/} (Chronicle Queue files),
 * {@code snapshots/}, {@code engine.lock} (see {@link JournalLock}) and {@code checkpoints.log} (see
 * {@link CheckpointLog}). The marker file is how tools tell a Gavel journal from any other directory.
 */
public final class JournalLayout
{
    public static final String MARKER = "gavel-journal.properties";
    public static final int FORMAT_VERSION = 1;

    private final Path root;

    public JournalLayout(final Path root)
    {
        this.root = root;
    }

    public Path root()
    {
        return root;
    }

    public Path queueDir()
    {
        return root.resolve("queue");
    }

    public Path snapshotDir()
    {
        return root.resolve("snapshots");
    }

    /** Creates the directory and marker for a new journal, or checks an existing one. */
    public static JournalLayout createOrOpen(final Path root)
    {
        final JournalLayout layout = new JournalLayout(root);
        try
        {
            if (Files.exists(root.resolve(MARKER)))
            {
                return openExisting(root);
            }
            if (Files.exists(root) && !Files.isDirectory(root))
            {
                throw new JournalException(root + " is a file, not a journal directory");
            }
            if (Files.isDirectory(root))
            {
                try (var entries = Files.list(root))
                {
                    if (entries.findAny().isPresent())
                    {
                        throw new JournalException(root + " is not empty and is not a Gavel journal (no " + MARKER +
                            "); choose an empty or new directory");
                    }
                }
            }
            Files.createDirectories(layout.queueDir());
            Files.createDirectories(layout.snapshotDir());
            final Properties marker = new Properties();
            marker.setProperty("journal.format", Integer.toString(FORMAT_VERSION));
            marker.setProperty("sbe.schemaId", Integer.toString(MessageHeaderDecoder.SCHEMA_ID));
            marker.setProperty("sbe.version", Integer.toString(MessageHeaderDecoder.SCHEMA_VERSION));
            try (OutputStream out = Files.newOutputStream(root.resolve(MARKER)))
            {
                marker.store(out, "Gavel journal: do not edit");
            }
            return layout;
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot create journal at " + root + ": " + ex.getMessage(), ex);
        }
    }

    /** Opens a journal that must already exist and be one this version of Gavel can read. */
    public static JournalLayout openExisting(final Path root)
    {
        if (!Files.exists(root))
        {
            throw new JournalException("no journal at " + root + ": the directory does not exist");
        }
        if (!Files.isDirectory(root))
        {
            throw new JournalException(root + " is a file, not a journal directory");
        }
        final Path markerFile = root.resolve(MARKER);
        if (!Files.exists(markerFile))
        {
            throw new JournalException(root + " is not a Gavel journal (no " + MARKER + ")");
        }
        final Properties marker = new Properties();
        try (InputStream in = Files.newInputStream(markerFile))
        {
            marker.load(in);
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot read " + markerFile + ": " + ex.getMessage(), ex);
        }
        final int format = intProperty(marker, "journal.format", markerFile);
        final int schemaId = intProperty(marker, "sbe.schemaId", markerFile);
        final int version = intProperty(marker, "sbe.version", markerFile);
        if (format != FORMAT_VERSION)
        {
            throw new JournalException(root + " has journal format " + format + "; this Gavel reads format " +
                FORMAT_VERSION);
        }
        if (schemaId != MessageHeaderDecoder.SCHEMA_ID || version > MessageHeaderDecoder.SCHEMA_VERSION)
        {
            throw new JournalException(root + " was written with SBE schema " + schemaId + " version " + version +
                "; this Gavel reads schema " + MessageHeaderDecoder.SCHEMA_ID + " up to version " +
                MessageHeaderDecoder.SCHEMA_VERSION);
        }
        return new JournalLayout(root);
    }

    private static int intProperty(final Properties marker, final String key, final Path file)
    {
        final String value = marker.getProperty(key);
        try
        {
            return Integer.parseInt(value == null ? "" : value.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new JournalException(file + " is damaged: '" + key + "' is " + (value == null ? "missing" :
                "'" + value + "'"));
        }
    }
}
