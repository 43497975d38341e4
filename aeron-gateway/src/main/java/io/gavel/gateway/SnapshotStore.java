package io.gavel.gateway;

import io.gavel.core.CoreSnapshot;
import io.gavel.core.EventBuffer;
import io.gavel.core.MatchingCore;
import io.gavel.core.SnapshotException;
import io.gavel.core.pipeline.SnapshotPort;
import io.gavel.journal.JournalException;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Snapshots in the journal's {@code snapshots/} directory: {@code snapshot-<sequence>.sbe}. Each is written to a
 * {@code .tmp} file, forced to disk, then renamed atomically, so a half-written snapshot never carries the name a
 * restart looks for; a damaged one is skipped for the one before it.
 */
public final class SnapshotStore implements SnapshotPort
{
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);
    private static final String PREFIX = "snapshot-";
    private static final String SUFFIX = ".sbe";

    private final Path dir;
    private final long everyCommands;
    private final long intervalNanos;
    private final int keep;
    private final CoreSnapshot codec = new CoreSnapshot();
    private final EventBuffer buffer = new EventBuffer(1 << 16);
    private long lastSequence;
    private long lastTime;
    private volatile String lastWriter;
    private volatile Listener listener;

    public SnapshotStore(final Path dir, final long everyCommands, final long intervalNanos, final int keep)
    {
        this.dir = dir;
        this.everyCommands = everyCommands;
        this.intervalNanos = intervalNanos;
        this.keep = Math.max(1, keep);
    }

    /** Where the last snapshot (written or restored) stands, so periodic ones count from there. */
    public void startFrom(final long sequence, final long time)
    {
        lastSequence = sequence;
        lastTime = time;
    }

    public boolean due(final long engineSequence, final long engineTime, final boolean requested)
    {
        if (requested)
        {
            return true;
        }
        if (everyCommands > 0 && engineSequence - lastSequence >= everyCommands)
        {
            return true;
        }
        if (intervalNanos > 0 && lastTime == 0)
        {
            lastTime = engineTime;
        }
        return intervalNanos > 0 && engineTime - lastTime >= intervalNanos;
    }

    public void take(final MatchingCore core, final long engineSequence, final long engineTime,
        final long journalPosition)
    {
        lastSequence = engineSequence;
        lastTime = engineTime;
        lastWriter = Thread.currentThread().getName();
        final long started = System.nanoTime();
        codec.write(core, engineSequence, engineTime, journalPosition, buffer);
        final Path target = dir.resolve(String.format("%s%020d%s", PREFIX, engineSequence, SUFFIX));
        final Path temporary = dir.resolve(target.getFileName() + ".tmp");
        try
        {
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE))
            {
                final ByteBuffer bytes = bytes();
                while (bytes.hasRemaining())
                {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            prune();
            final long took = System.nanoTime() - started;
            LOG.info("snapshot at sequence {} written: {} ({} bytes in {} ms)", engineSequence, target, buffer.limit(),
                took / 1_000_000);
            final Listener told = listener;
            if (told != null)
            {
                told.written(engineSequence, started, took);
            }
        }
        catch (final IOException ex)
        {
            // A failed snapshot costs restart time, not correctness: the journal still holds everything.
            LOG.warn("snapshot at sequence {} not written: {}", engineSequence, ex.toString());
        }
    }

    /** The name of the thread that encoded the last snapshot, or null before the first (for tests and operators). */
    public String lastWriter()
    {
        return lastWriter;
    }

    /** Told of each snapshot written, on the thread that wrote it (for measurements). */
    public interface Listener
    {
        /**
         * @param startedNanos {@link System#nanoTime()} when encoding began.
         * @param tookNanos    encoding, writing, forcing and renaming.
         */
        void written(long engineSequence, long startedNanos, long tookNanos);
    }

    /** Sets who is told of each snapshot written; set it before snapshots are taken. */
    public SnapshotStore listener(final Listener listener)
    {
        this.listener = listener;
        return this;
    }

    /** The encoded snapshot, without copying it: a snapshot of 100,000 lots is tens of megabytes. */
    private ByteBuffer bytes()
    {
        final byte[] array = buffer.buffer().byteArray();
        if (array != null)
        {
            return ByteBuffer.wrap(array, 0, buffer.limit());
        }
        final byte[] copy = new byte[buffer.limit()];
        buffer.buffer().getBytes(0, copy);
        return ByteBuffer.wrap(copy);
    }

    private void prune() throws IOException
    {
        final List<Path> snapshots = list(dir);
        for (int i = keep; i < snapshots.size(); i++)
        {
            Files.deleteIfExists(snapshots.get(i));
        }
    }

    /** Snapshot files, newest first. */
    static List<Path> list(final Path dir) throws IOException
    {
        final List<Path> snapshots = new ArrayList<>();
        if (!Files.isDirectory(dir))
        {
            return snapshots;
        }
        try (Stream<Path> files = Files.list(dir))
        {
            files.filter(p -> p.getFileName().toString().startsWith(PREFIX) &&
                p.getFileName().toString().endsWith(SUFFIX)).forEach(snapshots::add);
        }
        snapshots.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
        return snapshots;
    }

    /**
     * The newest snapshot that reads back whole and is not ahead of the journal, or null when there is none.
     */
    public static CoreSnapshot.Restored latest(final Path dir, final long journalLastSequence)
    {
        final List<Path> snapshots;
        try
        {
            snapshots = list(dir);
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot list snapshots in " + dir + ": " + ex.getMessage(), ex);
        }
        for (final Path file : snapshots)
        {
            try
            {
                final byte[] bytes = Files.readAllBytes(file);
                final CoreSnapshot.Restored restored = new CoreSnapshot().read(new UnsafeBuffer(bytes), bytes.length);
                if (restored.engineSequence() > journalLastSequence)
                {
                    LOG.warn("snapshot {} is ahead of the journal (sequence {} > {}): skipped", file,
                        restored.engineSequence(), journalLastSequence);
                    continue;
                }
                return restored;
            }
            catch (final IOException | SnapshotException ex)
            {
                LOG.warn("snapshot {} cannot be used: {}", file, ex.getMessage());
            }
        }
        return null;
    }
}
