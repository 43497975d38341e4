package io.gavel.cluster;

import io.gavel.core.EventBuffer;
import io.gavel.journal.JournalException;
import io.gavel.journal.JournalLayout;
import io.gavel.journal.JournalLock;
import io.gavel.journal.JournalReader;
import io.gavel.journal.JournalSettings;
import io.gavel.journal.JournalWriter;
import io.gavel.sbe.RecordKind;
import io.gavel.sbe.Role;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;

import java.nio.file.Path;

/**
 * A member's Chronicle audit journal, written from the Raft log the member applies: the same record format as a
 * single engine's journal, so {@code gavel journal verify} checks it. Every record's content comes from the log
 * (sequence, cluster time, session, principal, command, events), so all members write the same bytes. A restarted
 * member re-applies the log from its last snapshot; records its journal already holds are not written twice, and
 * the missing events of a command cut short by a crash are completed.
 */
final class ClusterJournal implements EventBuffer.FrameVisitor, AutoCloseable
{
    private final JournalLayout layout;
    private final JournalLock lock;
    private final JournalWriter writer;
    private final long journaledSequence;
    /** Events the journal holds of its last command (those are skipped when that command is applied again). */
    private final int journaledEventsOfLast;
    private long sequence;
    private long time;
    private long sessionId;
    private long principal;
    private Role role;
    private int eventIndex;

    private ClusterJournal(final JournalLayout layout, final JournalLock lock, final JournalWriter writer,
        final int journaledEventsOfLast)
    {
        this.layout = layout;
        this.lock = lock;
        this.writer = writer;
        this.journaledSequence = writer.lastSequence();
        this.journaledEventsOfLast = journaledEventsOfLast;
    }

    /**
     * Opens (or creates) the member's journal. Its settings record is written, or checked, by {@link #settle} once
     * the member knows the correlation window it decides with (its own, or the cluster log's).
     */
    static ClusterJournal open(final Path dir)
    {
        final JournalLayout layout = JournalLayout.createOrOpen(dir);
        final JournalLock lock = JournalLock.acquire(layout);
        JournalWriter writer = null;
        try
        {
            writer = JournalWriter.open(layout);
            return new ClusterJournal(layout, lock, writer, eventsOf(layout, writer.lastSequence()));
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(writer, lock);
            throw ex;
        }
    }

    /**
     * The journal's settings record: written once, at time 0, when the journal has none (so every member's journal
     * starts with the same bytes), else checked against the window in force.
     */
    void settle(final int correlationWindow)
    {
        final JournalSettings settings = new JournalSettings(correlationWindow);
        final JournalSettings recorded = JournalSettings.first(layout);
        if (recorded == null)
        {
            settings.append(writer, 0);
        }
        else if (settings.differenceFrom(recorded) != null)
        {
            throw new JournalException("journal " + layout.root() + " was written with other settings (" +
                settings.differenceFrom(recorded) + ")");
        }
    }

    /** How many event records the journal holds for {@code sequence} (its last command). */
    private static int eventsOf(final JournalLayout layout, final long sequence)
    {
        if (sequence == 0)
        {
            return 0;
        }
        final int[] events = new int[1];
        try (JournalReader reader = JournalReader.open(layout))
        {
            reader.readAll((position, record, frame, offset, length, chainIntact) ->
            {
                if (record.engineSequence() == sequence && record.kind() == RecordKind.EVENT)
                {
                    events[0]++;
                }
                return true;
            });
        }
        return events[0];
    }

    Path root()
    {
        return layout.root();
    }

    long lastIndex()
    {
        return writer.lastIndex();
    }

    /** Journals one applied command and its events, unless the journal holds them already. */
    void record(final long sequence, final long time, final long sessionId, final long principal, final Role role,
        final DirectBuffer command, final int offset, final int length, final EventBuffer events)
    {
        if (sequence < journaledSequence)
        {
            return;
        }
        this.sequence = sequence;
        this.time = time;
        this.sessionId = sessionId;
        this.principal = principal;
        this.role = role;
        this.eventIndex = 0;
        if (sequence > journaledSequence)
        {
            writer.append(RecordKind.COMMAND, sequence, time, 0, sessionId, principal, role, command, offset, length);
        }
        events.forEach(this);
    }

    public void onFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        final int index = eventIndex++;
        if (sequence == journaledSequence && index < journaledEventsOfLast)
        {
            return;
        }
        writer.append(RecordKind.EVENT, sequence, time, index, sessionId, principal, role, buffer, offset, length);
    }

    public void close()
    {
        CloseHelper.quietCloseAll(writer, lock);
    }
}
