package io.gavel.journal;

import io.gavel.sbe.JournalRecordDecoder;
import io.gavel.sbe.MessageHeaderDecoder;
import io.gavel.sbe.RecordKind;
import io.gavel.sbe.Role;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The one replay loop: recovery on restart and {@code gavel journal verify} both walk the journal through it, so a
 * check added here holds for both. For each record it checks the hash chain; for a command, that sequences run on
 * with no gap and no repeat, and applies it to the {@link ReplayPort}; for an event, that it is the next event the
 * port emitted for that command, byte for byte; for a settings record, that the port runs with those settings. It
 * stops at the first record that fails and says why ({@link #failure()}, {@link #failedRecord()}).
 * <p>
 * The journaled events of the last command may be fewer than the port emitted (the engine stopped between the two
 * writes): {@link #missingEvents()} says how many; verify reports it, recovery journals them.
 */
public final class ReplayCursor implements JournalReader.RecordVisitor
{
    private static final int EVENT_INDEX_MASK = 0xFFFF;

    /** Sees each record once it has passed its checks (frames valid only during the call). */
    public interface Observer
    {
        void onRecord(JournalRecordDecoder record, DirectBuffer frame, int offset, int length);
    }

    private final JournalReader reader;
    private final ReplayPort port;
    private final Observer observer;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final UnsafeBuffer expected = new UnsafeBuffer(0, 0);
    private long records;
    private long commands;
    private long events;
    private long settingsRecords;
    private JournalSettings settings;
    private long currentSequence;
    private long currentCommandRecord;
    private int emittedEvents;
    private int matchedEvents;
    private long currentTime;
    private long currentSessionId;
    private long currentPrincipal;
    private Role currentRole = Role.NULL_VAL;
    private long firstTime;
    private long lastTime;
    private String failure;
    private long failedRecord;

    /**
     * @param reader       positioned at the first record to replay.
     * @param port         what the commands are applied to.
     * @param lastSequence the sequence of the last command already applied (a snapshot's), 0 from the start.
     * @param observer     sees every record that passed; may be null.
     */
    public ReplayCursor(final JournalReader reader, final ReplayPort port, final long lastSequence,
        final Observer observer)
    {
        this.reader = reader;
        this.port = port;
        this.observer = observer;
        this.currentSequence = lastSequence;
    }

    /** Reads and checks the next record; false at the current end of the journal or once a record has failed. */
    public boolean next()
    {
        if (failure != null)
        {
            return false;
        }
        try
        {
            return reader.readOne(this) && failure == null;
        }
        catch (final JournalException ex)
        {
            fail(records + 1, ex.getMessage());
            return false;
        }
    }

    /** Replays every record present now; returns whether all of them passed. */
    public boolean replayAll()
    {
        while (next())
        {
            // on
        }
        return failure == null;
    }

    public boolean onRecord(final long position, final JournalRecordDecoder record, final DirectBuffer frame,
        final int offset, final int length, final boolean chainIntact)
    {
        records = position;
        if (!chainIntact)
        {
            return fail(position, "the hash chain is broken: the record was altered, or a record before it was " +
                "removed, inserted or moved");
        }
        if (firstTime == 0)
        {
            firstTime = record.engineTime();
        }
        lastTime = record.engineTime();
        final RecordKind kind = record.kind();
        final boolean passed;
        if (kind == RecordKind.COMMAND)
        {
            passed = onCommand(position, record, frame, offset, length);
        }
        else if (kind == RecordKind.EVENT)
        {
            passed = onEvent(position, record, frame, offset, length);
        }
        else if (kind == RecordKind.SETTINGS)
        {
            passed = onSettings(position, frame, offset, length);
        }
        else
        {
            passed = fail(position, "unknown record kind " + record.kindRaw());
        }
        if (passed && observer != null)
        {
            observer.onRecord(record, frame, offset, length);
        }
        return passed;
    }

    private boolean onCommand(final long position, final JournalRecordDecoder record, final DirectBuffer frame,
        final int offset, final int length)
    {
        if (missingEvents() > 0)
        {
            return fail(position, "command " + currentSequence + " (record " + currentCommandRecord +
                ") is missing events: the core emitted " + emittedEvents + ", the journal holds " + matchedEvents);
        }
        final long sequence = record.engineSequence();
        if (sequence != currentSequence + 1)
        {
            return fail(position, "command sequence " + sequence + " follows " + currentSequence +
                (sequence <= currentSequence ? " (a repeat or a move)" : " (a gap)"));
        }
        currentSequence = sequence;
        currentCommandRecord = position;
        currentTime = record.engineTime();
        currentSessionId = record.sessionId();
        currentPrincipal = record.principal();
        currentRole = record.role();
        commands++;
        matchedEvents = 0;
        try
        {
            emittedEvents = port.apply(sequence, currentTime, currentPrincipal, currentRole, frame, offset, length);
        }
        catch (final RuntimeException ex)
        {
            // The core must answer every frame; one that throws cannot be replayed, so say which command did it.
            emittedEvents = 0;
            return fail(position, "command " + sequence + " makes the core throw " + ex + "; it cannot be replayed");
        }
        return true;
    }

    private boolean onEvent(final long position, final JournalRecordDecoder record, final DirectBuffer frame,
        final int offset, final int length)
    {
        events++;
        final long sequence = record.engineSequence();
        if (sequence != currentSequence)
        {
            return fail(position, "an event of command " + sequence + " stands after command " + currentSequence);
        }
        if (matchedEvents >= emittedEvents)
        {
            return fail(position, "command " + sequence + " has more events in the journal than the core emits (" +
                emittedEvents + ")");
        }
        // The head's eventIndex is a uint16: a command with more events (a tick that closes 100,000 lots) counts
        // on from 0 again, as the writer stores it.
        if (record.eventIndex() != (matchedEvents & EVENT_INDEX_MASK))
        {
            return fail(position, "event " + record.eventIndex() + " of command " + sequence + " stands where event " +
                (matchedEvents & EVENT_INDEX_MASK) + " belongs" + (matchedEvents > EVENT_INDEX_MASK ?
                " (event " + matchedEvents + ", counted modulo 65,536)" : ""));
        }
        port.event(matchedEvents, expected);
        if (expected.capacity() != length || !equal(expected, frame, offset, length))
        {
            header.wrap(frame, offset);
            return fail(position, "event " + matchedEvents + " of command " + sequence + " (template " +
                header.templateId() + ") differs from what the core emits on replay");
        }
        matchedEvents++;
        return true;
    }

    private boolean onSettings(final long position, final DirectBuffer frame, final int offset, final int length)
    {
        if (missingEvents() > 0)
        {
            return fail(position, "command " + currentSequence + " (record " + currentCommandRecord +
                ") is missing events: the core emitted " + emittedEvents + ", the journal holds " + matchedEvents);
        }
        final JournalSettings recorded = JournalSettings.decode(position, frame, offset, length);
        final String refused = port.onSettings(recorded);
        if (refused != null)
        {
            return fail(position, "settings record: " + refused);
        }
        settings = recorded;
        settingsRecords++;
        return true;
    }

    /** Events the port emitted for the last command that the journal does not (yet) hold. */
    public int missingEvents()
    {
        return currentCommandRecord == 0 ? 0 : emittedEvents - matchedEvents;
    }

    /** How many events of the last command the journal holds. */
    public int journaledEvents()
    {
        return matchedEvents;
    }

    public String failure()
    {
        return failure;
    }

    /** The 1-based record number of the first failure (0: the journal is empty). */
    public long failedRecord()
    {
        return failedRecord;
    }

    /** Records read (the last one's 1-based number). */
    public long records()
    {
        return records;
    }

    public long commands()
    {
        return commands;
    }

    public long events()
    {
        return events;
    }

    public long settingsRecords()
    {
        return settingsRecords;
    }

    /** The last settings record read, or null. */
    public JournalSettings settings()
    {
        return settings;
    }

    public long lastSequence()
    {
        return currentSequence;
    }

    /** 1-based record number of the last command. */
    public long lastCommandRecord()
    {
        return currentCommandRecord;
    }

    public long firstTime()
    {
        return firstTime;
    }

    public long lastTime()
    {
        return lastTime;
    }

    /** Head fields of the last command, for journaling its missing events. */
    public long lastCommandTime()
    {
        return currentTime;
    }

    public long lastCommandSessionId()
    {
        return currentSessionId;
    }

    public long lastCommandPrincipal()
    {
        return currentPrincipal;
    }

    public Role lastCommandRole()
    {
        return currentRole;
    }

    /** Records a failure found outside the loop (say, the journal ends mid-command); the first one stays. */
    public boolean fail(final long record, final String why)
    {
        if (failure == null)
        {
            failure = why;
            failedRecord = record;
        }
        return false;
    }

    private static boolean equal(final DirectBuffer a, final DirectBuffer b, final int bOffset, final int length)
    {
        final byte[] aBytes = a.byteArray();
        final byte[] bBytes = b.byteArray();
        if (aBytes != null && bBytes != null)
        {
            // Both on the heap (the core's event buffer, the reader's copy of the record): one vectorized comparison
            // with one bounds check, where the loop below checks bounds on every long.
            final int from = a.wrapAdjustment();
            final int bFrom = b.wrapAdjustment() + bOffset;
            return java.util.Arrays.equals(aBytes, from, from + length, bBytes, bFrom, bFrom + length);
        }
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES)
        {
            if (a.getLong(i) != b.getLong(bOffset + i))
            {
                return false;
            }
        }
        for (; i < length; i++)
        {
            if (a.getByte(i) != b.getByte(bOffset + i))
            {
                return false;
            }
        }
        return true;
    }
}
