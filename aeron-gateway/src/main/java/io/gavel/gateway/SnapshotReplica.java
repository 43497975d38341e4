package io.gavel.gateway;

import io.gavel.core.CoreSnapshot;
import io.gavel.core.MatchingCore;
import io.gavel.journal.BackgroundPriority;
import io.gavel.journal.JournalLayout;
import io.gavel.journal.JournalReader;
import io.gavel.journal.JournalSettings;
import io.gavel.journal.ReplayCursor;
import io.gavel.journal.ReplayPort;
import io.gavel.sbe.MessageHeaderDecoder;
import io.gavel.sbe.Role;
import io.gavel.sbe.TakeSnapshotDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Takes the engine's snapshots off the business thread: a second {@link MatchingCore} on a thread of its own follows
 * the journal through the {@link ReplayCursor} (the loop recovery and verify run) and writes a snapshot of itself
 * whenever one is due after a command. The core is deterministic, so the replica's state after command {@code n}
 * is the engine's after {@code n}; the snapshot carries the Chronicle index of that command's last record, as one the
 * business thread took did. The business thread does nothing for it.
 * <p>
 * When a snapshot is due is decided from the journal alone, with the settings' meanings unchanged: every
 * {@code gavel.snapshot.every} commands and every {@code gavel.snapshot.interval.s} of engine time (both counted from
 * where the engine recovered to), and after every {@code TakeSnapshot} command the core accepted. The replica only
 * reads the journal: one that falls behind takes its snapshots later, at the same sequences, and never holds up the
 * engine. It replays every record it reads, so a journal that stops replaying (damaged, or a core that is not
 * deterministic) stops the snapshots and is reported, not built on.
 * <p>
 * Cost: a second core (the heap of the auction state once more) and a thread that replays every command.
 */
public final class SnapshotReplica implements AutoCloseable
{
    private static final int READ_BATCH = 10_000;

    private final JournalLayout layout;
    private final SnapshotStore store;
    private final int correlationWindow;
    private final int bookEntries;
    private final long journalLastSequence;
    private final long skipThrough;
    private final int nice;
    private final Consumer<String> errors;
    private final Thread thread;
    private volatile boolean closing;
    private volatile boolean abandon;
    private volatile long replayedSequence;
    private volatile long snapshotsTaken;

    private SnapshotReplica(final JournalLayout layout, final SnapshotStore store, final int correlationWindow,
        final int bookEntries, final long journalLastSequence, final long skipThrough, final int nice,
        final Consumer<String> errors)
    {
        this.nice = nice;
        this.layout = layout;
        this.store = store;
        this.correlationWindow = correlationWindow;
        this.bookEntries = bookEntries;
        this.journalLastSequence = journalLastSequence;
        this.skipThrough = skipThrough;
        this.errors = errors;
        this.thread = new Thread(this::run, "gavel-snapshot-replica");
        thread.setDaemon(true);
    }

    /**
     * Starts following the journal from its newest usable snapshot (or its start).
     *
     * @param store               decides when a snapshot is due and writes it; used by the replica's thread only from
     *                            now on.
     * @param correlationWindow   the engine's idempotency window, for a replica with no snapshot to start from.
     * @param bookEntries         the engine's {@code gavel.core.book.entries}: the replica's core reserves its books
     *                            alike.
     * @param journalLastSequence the journal's last sequence now: a snapshot ahead of it is not used.
     * @param skipThrough         the sequence the engine recovered to: no snapshot is taken at or before it (the
     *                            engine's run begins after it, as do the store's counts).
     * @param nice                the thread's nice value, 0-19 (0 = as the process): its work may wait, the bid
     *                            path's may not ({@link BackgroundPriority}).
     * @param errors              told, in one line, why snapshots stopped (the engine logs it).
     */
    public static SnapshotReplica start(final JournalLayout layout, final SnapshotStore store,
        final int correlationWindow, final int bookEntries, final long journalLastSequence, final long skipThrough,
        final int nice, final Consumer<String> errors)
    {
        final SnapshotReplica replica = new SnapshotReplica(layout, store, correlationWindow, bookEntries,
            journalLastSequence, skipThrough, BackgroundPriority.requireValid(nice), errors);
        replica.thread.start();
        return replica;
    }

    /** The last engine sequence the replica has applied (any thread). */
    public long replayedSequence()
    {
        return replayedSequence;
    }

    /** Snapshots written so far (any thread). */
    public long snapshotsTaken()
    {
        return snapshotsTaken;
    }

    /** Whether the replica's thread still runs. */
    public boolean isAlive()
    {
        return thread.isAlive();
    }

    private void run()
    {
        BackgroundPriority.lowerCurrentThread(nice);
        final CoreSnapshot.Restored restored = journalLastSequence == 0 ? null :
            SnapshotStore.latest(layout.snapshotDir(), journalLastSequence);
        final boolean fromSnapshot = restored != null && restored.journalIndex() >= 0 && restored.engineSequence() > 0;
        final MatchingCore core = fromSnapshot ? restored.core() : new MatchingCore(correlationWindow);
        core.rules().reserveBookEntries(bookEntries);
        final long startSequence = fromSnapshot ? restored.engineSequence() : 0;
        final Port port = new Port(core);
        final IdleStrategy idle = new BackoffIdleStrategy(1, 1, TimeUnit.MICROSECONDS.toNanos(100),
            TimeUnit.MILLISECONDS.toNanos(1));
        long considered = startSequence;
        try (JournalReader reader = fromSnapshot ? JournalReader.openAfter(layout, restored.journalIndex()) :
            JournalReader.open(layout))
        {
            final ReplayCursor cursor = new ReplayCursor(reader, port, startSequence, null);
            replayedSequence = startSequence;
            while (!abandon)
            {
                final boolean stopping = closing;
                int read = 0;
                while (read < READ_BATCH && cursor.next())
                {
                    read++;
                    final long sequence = cursor.lastSequence();
                    // A command is whole once all the events the core emitted for it are read.
                    if (sequence > considered && cursor.missingEvents() == 0)
                    {
                        considered = sequence;
                        replayedSequence = sequence;
                        if (sequence > skipThrough &&
                            store.due(sequence, cursor.lastCommandTime(), port.snapshotRequested()))
                        {
                            store.take(core, sequence, cursor.lastCommandTime(), reader.lastIndex());
                            snapshotsTaken++;
                        }
                    }
                }
                if (cursor.failure() != null)
                {
                    errors.accept("snapshots stopped: journal record " + cursor.failedRecord() + " after sequence " +
                        startSequence + " fails replay on the snapshot replica: " + cursor.failure());
                    return;
                }
                if (stopping && read == 0)
                {
                    return;
                }
                idle.idle(read);
            }
        }
        catch (final RuntimeException ex)
        {
            errors.accept("snapshots stopped at sequence " + considered + ": " + ex);
        }
    }

    /**
     * Takes the snapshots that are due in what the journal holds now, then stops. Call after the engine's last
     * record is written; it waits at most 30 s for a replica far behind, then gives up the rest.
     */
    public void close()
    {
        closing = true;
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(30));
            if (thread.isAlive())
            {
                abandon = true;
                errors.accept("the snapshot replica was still at sequence " + replayedSequence + " after 30 s; " +
                    "stopped without the snapshots due after it");
                thread.join();
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** The replica's core, as the cursor sees it; notes whether the last command asked for a snapshot. */
    private static final class Port implements ReplayPort
    {
        private final MatchingCore core;
        private final JournalReplay replay;
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private boolean snapshotRequested;

        Port(final MatchingCore core)
        {
            this.core = core;
            this.replay = new JournalReplay(core);
        }

        public String onSettings(final JournalSettings settings)
        {
            return replay.onSettings(settings);
        }

        public int apply(final long sequence, final long time, final long principal, final Role role,
            final DirectBuffer frame, final int offset, final int length)
        {
            final int emitted = replay.apply(sequence, time, principal, role, frame, offset, length);
            // As the business thread decided it: a TakeSnapshot the core accepted.
            snapshotRequested = length >= MessageHeaderDecoder.ENCODED_LENGTH &&
                header.wrap(frame, offset).templateId() == TakeSnapshotDecoder.TEMPLATE_ID && core.lastAccepted();
            return emitted;
        }

        public void event(final int index, final UnsafeBuffer view)
        {
            replay.event(index, view);
        }

        boolean snapshotRequested()
        {
            return snapshotRequested;
        }
    }
}
