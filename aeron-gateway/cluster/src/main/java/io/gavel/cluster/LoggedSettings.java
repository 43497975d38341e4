package io.gavel.cluster;

import io.aeron.Publication;
import io.aeron.cluster.client.ClusterException;
import io.aeron.cluster.service.Cluster;
import io.gavel.sbe.Role;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.SemanticVersion;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Where a member's deciding settings ({@link ClusterSettings}) come from, decided from the log alone so that every
 * member, and every replay, agrees:
 * <ul>
 * <li>a log whose first leadership term was begun by a member of this version ({@link #APP_VERSION}, which Aeron
 * writes into every term's first log entry) carries the settings: every member's service offers its own values when
 * it applies that first term event (Aeron appends only the leader's, and sweeps the others'), and from the first
 * {@code ClusterSettings} entry on every member decides with the log's values. Client commands that reach the log
 * before it are held, in log order, and applied right after it, so none is lost or reordered;</li>
 * <li>a log begun by an older version has no settings: every member decides with its own file's values, exactly as
 * before (and such a log never gets settings later).</li>
 * </ul>
 * A member started from a snapshot takes the source, the values and any held commands from the snapshot's settings
 * section; a snapshot from before that section is of an older log.
 */
final class LoggedSettings
{
    /**
     * The application version a member of this version writes into the log: 0.1.0 means "settings on the log". Its
     * major version stays 0, Aeron's default's, because Aeron (whose version check cannot be replaced) accepts only
     * logs and snapshots of its own major version, and logs begun before settings were logged must still replay.
     */
    static final int APP_VERSION = SemanticVersion.compose(0, 1, 0);
    /** The version of logs and snapshots from before settings were logged (Aeron's default). */
    static final int VERSION_BEFORE_LOGGED_SETTINGS = SemanticVersion.compose(0, 0, 1);

    /** Where the values in force come from. */
    enum Source
    {
        /** Started without a snapshot and no log entry seen yet. */
        UNKNOWN("not yet known"),
        /** A log begun before settings were logged: this member's own file, as before. */
        LOCAL("from its own file: the log was begun before settings were logged"),
        /** A log with settings, before its settings entry: client commands are held. */
        PENDING("nothing yet: commands wait for the first leader's settings on the log"),
        /** The cluster's log. */
        LOG("from the cluster's log");

        private final String description;

        Source(final String description)
        {
            this.description = description;
        }

        /** For the operator, after "decides with" and the values. */
        String description()
        {
            return description;
        }
    }

    /** A client command held until the settings are on the log. */
    interface HeldCommand
    {
        void apply(long sessionId, long timestamp, long principal, Role role, DirectBuffer buffer, int offset,
            int length);
    }

    /** sessionId, timestamp, principal (longs), role, length (ints), then the frame. */
    private static final int HELD_HEADER = 3 * Long.BYTES + 2 * Integer.BYTES;
    private static final int SECTION_HEADER = Integer.BYTES + 2 * Long.BYTES + 2 * Integer.BYTES;

    private final ClusterSettings local;
    private ClusterSettings current;
    private Source source = Source.UNKNOWN;
    private final ExpandableArrayBuffer held = new ExpandableArrayBuffer(256);
    private int heldLength;
    private int heldCount;
    /** For other threads (status, tests): written after the values, so a reader that sees true sees the log's. */
    private volatile boolean fromLog;
    private volatile String told;
    private volatile long released;

    LoggedSettings(final ClusterSettings local)
    {
        this.local = local;
        this.current = local;
    }

    ClusterSettings local()
    {
        return local;
    }

    /** The values this member decides with now (its own until the log's are known). */
    ClusterSettings current()
    {
        return current;
    }

    Source source()
    {
        return source;
    }

    /**
     * The log's first leadership term begins (the first entry a member without a snapshot applies): its
     * application version says whether the log carries settings. Returns true when it does, and this member must
     * offer its own values; false when the member decides with its own file. Only the first call decides.
     */
    boolean logBegins(final int appVersion)
    {
        if (source != Source.UNKNOWN)
        {
            return false;
        }
        if (appVersion >= APP_VERSION)
        {
            source = Source.PENDING;
            return true;
        }
        source = Source.LOCAL;
        return false;
    }

    /**
     * Offers this member's own values to the log. Every member does, at the same point of the log (its first term
     * event), as Aeron expects of service messages: the leader's is appended, and the followers' copies are swept
     * when they see it, so a follower that becomes leader before it is appended appends its own instead.
     */
    void offerOwn(final Cluster cluster)
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[ClusterSettings.ENCODED_LENGTH]);
        final int length = local.encode(frame, 0);
        long result;
        while ((result = cluster.offer(frame, 0, length)) < 0)
        {
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
            {
                throw new ClusterException("the consensus module's channel closed while the settings were offered");
            }
            cluster.idleStrategy().idle();
        }
    }

    /** A client command reached a member that has seen no term event (cannot happen on a whole log): as before. */
    void decideLocally()
    {
        if (source == Source.UNKNOWN)
        {
            source = Source.LOCAL;
        }
    }

    /** The log's settings entry: adopted when the log's settings are awaited; any later one changes nothing. */
    boolean adopt(final ClusterSettings logged)
    {
        if (source != Source.PENDING)
        {
            return false;
        }
        current = logged;
        source = Source.LOG;
        fromLog = true;
        return true;
    }

    /**
     * Prints the one line of a member whose file differs from the log's values (naming each setting and both values)
     * and keeps it for {@link #told()}; nothing when they agree or the log has none.
     */
    void tell(final int memberId)
    {
        final String differences = source == Source.LOG ? local.differencesFrom(current) : null;
        if (differences != null)
        {
            told = "member " + memberId + ": " + differences + "; following the log";
            System.out.println("gavel cluster: " + told);
            System.out.flush();
        }
    }

    /** Whether the values in force are the cluster log's; safe from any thread. */
    boolean fromLog()
    {
        return fromLog;
    }

    /** The line {@link #tell} printed since this member started, or null. */
    String told()
    {
        return told;
    }

    /** How many client commands were held for the log's settings and then decided (since this member started). */
    long released()
    {
        return released;
    }

    void hold(final long sessionId, final long timestamp, final long principal, final Role role,
        final DirectBuffer buffer, final int offset, final int length)
    {
        held.putLong(heldLength, sessionId, ByteOrder.LITTLE_ENDIAN);
        held.putLong(heldLength + Long.BYTES, timestamp, ByteOrder.LITTLE_ENDIAN);
        held.putLong(heldLength + 2 * Long.BYTES, principal, ByteOrder.LITTLE_ENDIAN);
        held.putInt(heldLength + 3 * Long.BYTES, role.value(), ByteOrder.LITTLE_ENDIAN);
        held.putInt(heldLength + 3 * Long.BYTES + Integer.BYTES, length, ByteOrder.LITTLE_ENDIAN);
        held.putBytes(heldLength + HELD_HEADER, buffer, offset, length);
        heldLength += HELD_HEADER + length;
        heldCount++;
    }

    int heldCount()
    {
        return heldCount;
    }

    /** Hands every held command over in log order, then forgets them. */
    void release(final HeldCommand command)
    {
        int at = 0;
        for (int i = 0; i < heldCount; i++)
        {
            final int length = held.getInt(at + 3 * Long.BYTES + Integer.BYTES, ByteOrder.LITTLE_ENDIAN);
            command.apply(held.getLong(at, ByteOrder.LITTLE_ENDIAN),
                held.getLong(at + Long.BYTES, ByteOrder.LITTLE_ENDIAN),
                held.getLong(at + 2 * Long.BYTES, ByteOrder.LITTLE_ENDIAN),
                Role.get((short)held.getInt(at + 3 * Long.BYTES, ByteOrder.LITTLE_ENDIAN)), held, at + HELD_HEADER,
                length);
            at += HELD_HEADER + length;
        }
        released += heldCount;
        heldLength = 0;
        heldCount = 0;
    }

    /** Bytes {@link #write} needs. */
    int encodedLength()
    {
        return SECTION_HEADER + heldLength;
    }

    /** The snapshot's settings section: source, the values in force, then the held commands. */
    int write(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putInt(offset, source.ordinal(), ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + Integer.BYTES, current.sessionRateLimit(), ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + Integer.BYTES + Long.BYTES, current.sessionRateBurst(), ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(offset + Integer.BYTES + 2 * Long.BYTES, current.correlationWindow(), ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(offset + 2 * Integer.BYTES + 2 * Long.BYTES, heldCount, ByteOrder.LITTLE_ENDIAN);
        buffer.putBytes(offset + SECTION_HEADER, held, 0, heldLength);
        return SECTION_HEADER + heldLength;
    }

    /** Restores what {@link #write} wrote; a length below the header's (a snapshot of an older log) means LOCAL. */
    void read(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < SECTION_HEADER)
        {
            source = Source.LOCAL;
            current = local;
            return;
        }
        final int ordinal = buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN);
        if (ordinal < 0 || ordinal >= Source.values().length)
        {
            throw new IllegalStateException("the cluster snapshot's settings section names no known source: " +
                ordinal);
        }
        source = Source.values()[ordinal];
        current = source == Source.LOG ? new ClusterSettings(
            buffer.getLong(offset + Integer.BYTES, ByteOrder.LITTLE_ENDIAN),
            buffer.getLong(offset + Integer.BYTES + Long.BYTES, ByteOrder.LITTLE_ENDIAN),
            buffer.getInt(offset + Integer.BYTES + 2 * Long.BYTES, ByteOrder.LITTLE_ENDIAN)) : local;
        heldCount = buffer.getInt(offset + 2 * Integer.BYTES + 2 * Long.BYTES, ByteOrder.LITTLE_ENDIAN);
        heldLength = length - SECTION_HEADER;
        held.putBytes(0, buffer, offset + SECTION_HEADER, heldLength);
        fromLog = source == Source.LOG;
    }
}
