package io.gavel.gateway;

import io.gavel.core.CoreSnapshot;
import io.gavel.core.MatchingCore;
import io.gavel.journal.CheckpointSigner;
import io.gavel.journal.Ed25519Keys;
import io.gavel.journal.JournalException;
import io.gavel.journal.JournalLayout;
import io.gavel.journal.JournalLock;
import io.gavel.journal.JournalSettings;
import io.gavel.journal.JournalWriter;
import org.agrona.CloseHelper;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * An engine's start on its journal, before it touches Aeron: take the journal's lock (one engine per journal), check
 * that the journal and its snapshot were written with this engine's outcome-changing settings, rebuild the core
 * (latest snapshot, then the journal after it), and record the settings this run uses. On any failure everything
 * opened here is closed again, the lock included, so the message is the only trace.
 */
final class EngineJournal implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(EngineJournal.class);

    final JournalLayout layout;
    final JournalLock lock;
    final JournalWriter writer;
    final SnapshotStore snapshots;
    final MatchingCore core;
    /** How the engine started: a new journal, or what recovery replayed. */
    final String recovery;
    /** Signs checkpoints off the business thread; null when gavel.checkpoint.key is empty. */
    final CheckpointSigner signer;
    /** Takes the snapshots off the business thread; null with gavel.snapshot.thread=business. */
    final SnapshotReplica replica;

    private EngineJournal(final JournalLayout layout, final JournalLock lock, final JournalWriter writer,
        final SnapshotStore snapshots, final MatchingCore core, final String recovery, final CheckpointSigner signer,
        final SnapshotReplica replica)
    {
        this.signer = signer;
        this.replica = replica;
        this.layout = layout;
        this.lock = lock;
        this.writer = writer;
        this.snapshots = snapshots;
        this.core = core;
        this.recovery = recovery;
    }

    static EngineJournal open(final EngineConfig config)
    {
        final boolean onReplica = config.snapshotReplica();
        final int replicaNice = config.snapshotReplicaNice();
        final int bookEntries = config.bookEntries();
        final JournalLayout layout = JournalLayout.createOrOpen(config.journalDir());
        final JournalLock lock = JournalLock.acquire(layout);
        JournalWriter writer = null;
        SnapshotReplica replica = null;
        try
        {
            writer = JournalWriter.open(layout);
            final JournalSettings settings = new JournalSettings(config.correlationWindow());
            final JournalSettings recorded = JournalSettings.first(layout);
            final String difference = recorded == null ? null : settings.differenceFrom(recorded);
            if (difference != null)
            {
                throw new JournalException("journal " + layout.root() + " was written with other settings (" +
                    difference + "); they change how commands are answered, so start with the journal's value or " +
                    "a new journal");
            }
            final SnapshotStore snapshots = new SnapshotStore(layout.snapshotDir(), config.snapshotEvery(),
                config.snapshotIntervalNanos(), config.snapshotKeep());
            final long started = System.nanoTime();
            final CoreSnapshot.Restored restored = writer.lastSequence() == 0 ? null :
                SnapshotStore.latest(layout.snapshotDir(), writer.lastSequence());
            if (restored != null && restored.core().correlationWindow() != settings.correlationWindow())
            {
                throw new JournalException("the snapshot at sequence " + restored.engineSequence() + " in " +
                    layout.snapshotDir() + " has gavel.correlation.window=" + restored.core().correlationWindow() +
                    ", the engine " + settings.correlationWindow() + "; it does not belong to this journal's history");
            }
            final MatchingCore core = restored != null ? restored.core() : new MatchingCore(config.correlationWindow());
            core.rules().reserveBookEntries(bookEntries);
            final String recovery;
            if (writer.lastSequence() != 0)
            {
                final long snapshotSequence = restored == null ? 0 : restored.engineSequence();
                // Restart on an existing journal: the latest snapshot, then the journal after it (docs/DESIGN.md).
                final JournalReplay.Result result = JournalReplay.rebuild(layout, core, snapshotSequence,
                    restored == null ? -1 : restored.journalIndex(), writer);
                recovery = String.format("recovered to sequence %d: snapshot at %d + %d commands replayed in %d ms%s",
                    result.lastSequence(), snapshotSequence, result.commandsReplayed(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                    result.eventsCompleted() > 0 ? "; journaled " + result.eventsCompleted() +
                    " missing events of the last command" : "");
                snapshots.startFrom(result.lastSequence(), restored == null ? 0 : restored.engineTime());
            }
            else
            {
                recovery = "new journal";
            }
            // Every run states its settings before its first command, so a replay runs exactly as this run does.
            final long recoveredSequence = writer.lastSequence();
            settings.append(writer, Math.max(writer.lastTime(), new SystemEpochNanoClock().nanoTime()));
            writer.releaseThread();
            if (onReplica)
            {
                // From here on the store belongs to the replica's thread (docs/DESIGN.md, Recovery and snapshots).
                replica = SnapshotReplica.start(layout, snapshots, config.correlationWindow(), bookEntries,
                    recoveredSequence, recoveredSequence, replicaNice, error -> LOG.error("{}; restarts replay from the last snapshot written", error));
            }
            return new EngineJournal(layout, lock, writer, snapshots, core, recovery, startSigner(config, layout),
                replica);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(replica, writer, lock);
            throw ex;
        }
    }

    /** For the operator: whether and how the journal's checkpoints are signed. */
    String checkpoints(final EngineConfig config)
    {
        return signer == null ? "not signed (gavel.checkpoint.key is empty)" : "signed with key " +
            signer.keyFingerprint() + " every " + config.checkpointEvery() + " records or " +
            config.checkpointIntervalSeconds() + " s into " + layout.root().resolve("checkpoints.log");
    }

    private static CheckpointSigner startSigner(final EngineConfig config, final JournalLayout layout)
    {
        if (config.checkpointKey() == null)
        {
            LOG.warn("journal checkpoints are not signed (gavel.checkpoint.key is empty): the journal's hash chain " +
                "alone does not stop someone who can rewrite the whole journal");
            return null;
        }
        return CheckpointSigner.start(layout, Ed25519Keys.readPrivate(config.checkpointKey()),
            config.checkpointEvery(), config.checkpointIntervalSeconds(), TimeUnit.SECONDS,
            error -> LOG.error("{}; the journal's tail is not being signed", error));
    }

    /**
     * Takes the snapshots due in the journal, signs its tail, closes the journal, then gives up the lock (the last
     * thing, so no second engine writes before this one stops). Call once the engine has written its last record.
     */
    public void close()
    {
        CloseHelper.quietCloseAll(replica, signer, writer, lock);
    }
}
