package io.gavel.cluster;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import io.gavel.protocol.CommandTemplates;
import io.gavel.protocol.FrameCheck;
import io.gavel.core.CoreSnapshot;
import io.gavel.core.EventBuffer;
import io.gavel.core.MatchingCore;
import io.gavel.sbe.MessageHeaderDecoder;
import io.gavel.sbe.MessageHeaderEncoder;
import io.gavel.sbe.RejectReason;
import io.gavel.sbe.Role;
import io.gavel.sbe.TickEncoder;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The matching core as an Aeron Cluster service: every member applies the same Raft log to its own core, so all
 * members hold the same state. The rules' time is the cluster's time (each command is stamped with its log
 * timestamp, never a local clock); TIMED deadlines fire from a cluster timer, which enters the log as a tick. Each
 * member writes its own audit journal from what it applies ({@link ClusterJournal}); only the leader's answers leave
 * ({@link ClusterEgress}). Snapshots are the core's own format ({@link CoreSnapshot}). The settings that change
 * what the core decides (rate limit, burst, idempotency window) come from the log itself ({@link LoggedSettings}), so
 * a member whose file says otherwise still decides as the others do, and says so once.
 */
public final class GavelClusteredService implements ClusteredService
{
    /** The one timer: the core's earliest pending deadline. */
    private static final long DEADLINE_TIMER = 1;

    private final int memberId;
    private final int offerWhenHeld;
    private final Path journalDir;
    private final int snapshotChunk;
    private final LoggedSettings settings;
    private final LoggedSettings.HeldCommand decideHeld = this::decideHeld;
    private final EventBuffer events = new EventBuffer();
    private final CoreSnapshot snapshotCodec = new CoreSnapshot();
    private final Long2ObjectHashMap<SessionPrincipal> principals = new Long2ObjectHashMap<>();
    private final SessionRateLimits limits;
    private final ExpandableArrayBuffer limitsBuffer = new ExpandableArrayBuffer(1024);
    private final UnsafeBuffer tickBuffer = new UnsafeBuffer(new byte[64]);
    private final int tickLength = MessageHeaderEncoder.ENCODED_LENGTH + TickEncoder.BLOCK_LENGTH;
    private Cluster cluster;
    private ClusterEgress egress;
    private ClusterCounters counters;
    private ClusterJournal journal;
    private MatchingCore core;
    private long sequence;
    private long scheduledDeadline = Long.MAX_VALUE;
    private volatile Cluster.Role role = Cluster.Role.FOLLOWER;
    private volatile long appliedSequence;
    private volatile long stateHash;
    private volatile long snapshotSequence = -1;
    private volatile long lastSnapshotSequence = -1;
    private volatile long rateLimited;
    private volatile long appliedLogPosition;

    /**
     * @param memberId this member's id (Aeron tells the service only once it joins the log, after its start)
     * @param local    this member's own deciding settings (its file): offered to the log, and used as they are on a
     *                 log begun before settings were logged.
     */
    public GavelClusteredService(final int memberId, final Path journalDir, final ClusterSettings local,
        final int snapshotChunk)
    {
        this(memberId, journalDir, local, snapshotChunk, 0);
    }

    /** {@code offerWhenHeld} > 0: a one-member cluster's test offers its settings once that many commands wait. */
    GavelClusteredService(final int memberId, final Path journalDir, final ClusterSettings local,
        final int snapshotChunk, final int offerWhenHeld)
    {
        this.offerWhenHeld = offerWhenHeld;
        this.memberId = memberId;
        this.settings = new LoggedSettings(local);
        this.limits = new SessionRateLimits(local.sessionRateLimit(), local.sessionRateBurst());
        this.journalDir = journalDir;
        this.snapshotChunk = snapshotChunk;
        new TickEncoder().wrapAndApplyHeader(tickBuffer, 0, new MessageHeaderEncoder()).correlationId(0);
    }

    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        this.cluster = cluster;
        this.counters = new ClusterCounters(cluster.aeron(), memberId);
        this.egress = new ClusterEgress(cluster, counters.egressDropped);
        if (snapshotImage == null)
        {
            core = new MatchingCore(settings.local().correlationWindow());
        }
        else
        {
            final CoreSnapshot.Restored restored = SnapshotChunks.load(snapshotImage, snapshotCodec, limits,
                settings, cluster);
            core = restored.core();
            sequence = restored.engineSequence();
        }
        journal = ClusterJournal.open(journalDir);
        if (settings.source() == LoggedSettings.Source.LOG || settings.source() == LoggedSettings.Source.LOCAL)
        {
            // From the snapshot: the buckets are restored as they were; only the values come from the section.
            limits.configure(settings.current().sessionRateLimit(), settings.current().sessionRateBurst());
            journal.settle(settings.current().correlationWindow());
            settings.tell(memberId);
        }
        counters.settings(settings);
        if (snapshotImage != null)
        {
            // After everything the snapshot restored: a reader that sees these sees the rest.
            snapshotSequence = sequence;
            lastSnapshotSequence = sequence;
        }
        // The hash first: a reader that sees the sequence (a volatile write) sees the hash that goes with it.
        stateHash = core.stateHash();
        appliedSequence = sequence;
        for (final ClientSession session : cluster.clientSessions())
        {
            principals.put(session.id(), SessionPrincipal.decode(session.encodedPrincipal()));
        }
        // The deadline timer scheduled before the snapshot is in the consensus module's own snapshot and is restored
        // with it (and Aeron forbids scheduling from onStart): note it rather than schedule it again.
        scheduledDeadline = core.nextDeadline();
    }

    public void onSessionOpen(final ClientSession session, final long timestamp)
    {
        principals.put(session.id(), SessionPrincipal.decode(session.encodedPrincipal()));
        limits.open(session.id(), timestamp);
    }

    public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason)
    {
        principals.remove(session.id());
        limits.close(session.id());
    }

    public void onSessionMessage(final ClientSession session, final long timestamp, final DirectBuffer buffer,
        final int offset, final int length, final Header header)
    {
        if (session == null)
        {
            // A service's own message: only the leader's reach the log.
            onServiceMessage(buffer, offset, length);
            return;
        }
        if (length >= MessageHeaderDecoder.ENCODED_LENGTH && CommandTemplates.isSession(
            buffer.getShort(offset + MessageHeaderDecoder.templateIdEncodingOffset(), ByteOrder.LITTLE_ENDIAN) &
            0xFFFF))
        {
            // Connect, heartbeat and disconnect belong to a single engine's own sessions; the cluster has its own.
            return;
        }
        appliedLogPosition = header.position();
        final SessionPrincipal who = principals.get(session.id());
        final long principal = who == null ? 0 : who.principal();
        final Role sessionRole = who == null ? Role.NULL_VAL : who.role();
        if (settings.source() == LoggedSettings.Source.PENDING)
        {
            // Before the log's settings: held in log order, decided right after them (the same on every member).
            settings.hold(session.id(), timestamp, principal, sessionRole, buffer, offset, length);
            if (settings.heldCount() == offerWhenHeld)
            {
                settings.offerOwn(cluster);
            }
            return;
        }
        if (settings.source() == LoggedSettings.Source.UNKNOWN)
        {
            settleLocally();
        }
        decide(session, session.id(), timestamp, principal, sessionRole, buffer, offset, length);
    }

    /** A command held until the log's settings: its session may have closed since (then nobody is answered). */
    private void decideHeld(final long sessionId, final long timestamp, final long principal, final Role who,
        final DirectBuffer buffer, final int offset, final int length)
    {
        final ClientSession session = cluster.getClientSession(sessionId);
        decide(session, sessionId, timestamp, principal, who, buffer, offset, length);
        if (session == null)
        {
            // The rate limit opened a bucket for a session that is gone: drop it again (on every member alike).
            limits.close(sessionId);
        }
    }

    /** The rate limit, then the core. */
    private void decide(final ClientSession session, final long sessionId, final long timestamp,
        final long principal, final Role who, final DirectBuffer buffer, final int offset, final int length)
    {
        if (!limits.take(sessionId, timestamp))
        {
            // Refused before sequencing, as a single engine's ingress does: no sequence, no journal record, the
            // correlation id not used up. Every member decides the same from the log, and only the leader answers.
            if (session != null)
            {
                egress.reject(session, FrameCheck.correlationId(buffer, offset, length), RejectReason.RATE_LIMITED);
            }
            rateLimited++;
            counters.rateLimited.incrementRelease();
            return;
        }
        apply(session, sessionId, timestamp, principal, who, buffer, offset, length);
    }

    /**
     * The log's settings entry (the first leader's values): adopted once, while they are awaited, and then the held
     * commands are decided with them. No command has been applied before it on such a log, so the core is still
     * empty and can take the log's idempotency window, and every bucket is still full.
     */
    private void onServiceMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        final ClusterSettings logged = ClusterSettings.decode(buffer, offset, length);
        if (logged == null || !settings.adopt(logged))
        {
            return;
        }
        if (sequence != 0)
        {
            throw new IllegalStateException("the cluster's settings came after " + sequence + " applied commands");
        }
        limits.configure(logged.sessionRateLimit(), logged.sessionRateBurst());
        limits.refillAll();
        if (core.correlationWindow() != logged.correlationWindow())
        {
            core = new MatchingCore(logged.correlationWindow());
        }
        journal.settle(logged.correlationWindow());
        counters.settings(settings);
        settings.tell(memberId);
        settings.release(decideHeld);
    }

    /** The log was begun before settings were logged: this member's own values, as before. */
    private void settleLocally()
    {
        settings.decideLocally();
        journal.settle(settings.current().correlationWindow());
        counters.settings(settings);
    }

    public void onTimerEvent(final long correlationId, final long timestamp)
    {
        scheduledDeadline = Long.MAX_VALUE;
        apply(null, 0, timestamp, 0, Role.ENGINE, tickBuffer, 0, tickLength);
    }

    private void apply(final ClientSession session, final long sessionId, final long timestamp, final long principal,
        final Role who, final DirectBuffer buffer, final int offset, final int length)
    {
        final long commandSequence = ++sequence;
        core.apply(commandSequence, timestamp, principal, who, buffer, offset, length, events);
        journal.record(commandSequence, timestamp, sessionId, principal, who, buffer, offset, length, events);
        egress.send(session, events, principals);
        stateHash = core.stateHash();
        appliedSequence = commandSequence;
        scheduleDeadline();
    }

    private void scheduleDeadline()
    {
        final long deadline = core.nextDeadline();
        if (deadline == scheduledDeadline)
        {
            return;
        }
        if (deadline == Long.MAX_VALUE)
        {
            cluster.cancelTimer(DEADLINE_TIMER);
        }
        else
        {
            // Rescheduling the same timer id replaces its deadline.
            while (!cluster.scheduleTimer(DEADLINE_TIMER, deadline))
            {
                cluster.idleStrategy().idle();
            }
        }
        scheduledDeadline = deadline;
    }

    public void onTakeSnapshot(final ExclusivePublication snapshotPublication)
    {
        snapshotCodec.write(core, sequence, cluster.time(), journal.lastIndex(), events);
        SnapshotChunks.offerSection(snapshotPublication, events.buffer(), events.limit(), snapshotChunk, cluster);
        events.reset();
        limitsBuffer.checkLimit(limits.encodedLength());
        SnapshotChunks.offerSection(snapshotPublication, limitsBuffer, limits.write(limitsBuffer, 0), snapshotChunk,
            cluster);
        limitsBuffer.checkLimit(settings.encodedLength());
        SnapshotChunks.offerSection(snapshotPublication, limitsBuffer, settings.write(limitsBuffer, 0), snapshotChunk,
            cluster);
        lastSnapshotSequence = sequence;
    }

    public void onNewLeadershipTermEvent(final long leadershipTermId, final long logPosition, final long timestamp,
        final long termBaseLogPosition, final int leaderMemberId, final int logSessionId, final TimeUnit timeUnit,
        final int appVersion)
    {
        if (timeUnit != TimeUnit.NANOSECONDS)
        {
            throw new IllegalStateException("the cluster's clock must count nanoseconds (the rules' time unit), not " +
                timeUnit + ": start every member with NanosecondClusterClock");
        }
        if (settings.source() != LoggedSettings.Source.UNKNOWN)
        {
            return;
        }
        // The whole log's first entry (no snapshot): its version says whether the log carries settings.
        if (settings.logBegins(appVersion))
        {
            counters.settings(settings);
            if (offerWhenHeld == 0)
            {
                settings.offerOwn(cluster);
            }
        }
        else
        {
            settleLocally();
        }
    }

    public void onRoleChange(final Cluster.Role newRole)
    {
        role = newRole;
    }

    public void onTerminate(final Cluster cluster)
    {
        CloseHelper.quietClose(journal);
    }

    /** This member's role as the service last heard it. */
    public Cluster.Role role()
    {
        return role;
    }

    /** The engine sequence of the last command this member applied. */
    public long appliedSequence()
    {
        return appliedSequence;
    }

    /** The core's state hash after the last command applied. */
    public long stateHash()
    {
        return stateHash;
    }

    /** The engine sequence of the snapshot this member started from, or -1 when it started from the log alone. */
    public long snapshotSequence()
    {
        return snapshotSequence;
    }

    /** The engine sequence of the last snapshot this member took or started from, or -1 when there is none. */
    public long lastSnapshotSequence()
    {
        return lastSnapshotSequence;
    }

    /** The log position after the last client command this member took off the log (applied or refused). */
    public long appliedLogPosition()
    {
        return appliedLogPosition;
    }

    /** The deciding settings this member applies, where they come from, and what it said about them. */
    LoggedSettings settings()
    {
        return settings;
    }

    /** Commands this member refused RATE_LIMITED since it started (the same on every member for the same log). */
    public long rateLimited()
    {
        return rateLimited;
    }

    public Path journalDir()
    {
        return journalDir;
    }
}
