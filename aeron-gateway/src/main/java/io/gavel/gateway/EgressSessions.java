package io.gavel.gateway;

import io.aeron.ExclusivePublication;
import io.gavel.sbe.Role;
import org.agrona.CloseHelper;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;

/**
 * The egress's view of sessions: each session's response publication (and the channel it was opened for), and which
 * principal each bound session speaks for. A session belongs to at most one principal at a time, once: a re-Connect
 * moves it, so private notices reach it once and never for the principal it left. Egress thread only.
 */
final class EgressSessions
{
    private final Long2ObjectHashMap<ExclusivePublication> publications = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<String> channels = new Long2ObjectHashMap<>();
    // A principal may have several sessions (phone and web): private notices go to each of them.
    private final Long2ObjectHashMap<LongArrayList> sessionsByPrincipal = new Long2ObjectHashMap<>();
    private final Long2LongHashMap principalBySession = new Long2LongHashMap(0);
    // Sessions of web edges (Role.EDGE): they speak for many bidders, so every private notice reaches them too.
    private final LongArrayList edgeSessions = new LongArrayList();

    ExclusivePublication publication(final long sessionId)
    {
        return publications.get(sessionId);
    }

    /** Whether the session's publication was opened for this channel and stream, so a re-Connect can keep it. */
    boolean sameChannel(final long sessionId, final String channel, final int streamId)
    {
        return (streamId + " " + channel).equals(channels.get(sessionId));
    }

    /** The sessions of one principal, or null. Read backwards: a session dropped while sending leaves this list. */
    LongArrayList sessionsOf(final long principal)
    {
        return sessionsByPrincipal.get(principal);
    }

    /** The sessions of web edges, which receive every private notice. Read backwards, as {@link #sessionsOf}. */
    LongArrayList edgeSessions()
    {
        return edgeSessions;
    }

    /** Binds a session to a principal over a publication; the session's previous publication, if another, closes. */
    void bind(final long sessionId, final long principal, final Role role, final ExclusivePublication publication,
        final String channel, final int streamId)
    {
        leavePrincipal(sessionId);
        final ExclusivePublication previous = publications.put(sessionId, publication);
        if (previous != null && previous != publication)
        {
            CloseHelper.quietClose(previous);
        }
        channels.put(sessionId, streamId + " " + channel);
        principalBySession.put(sessionId, principal);
        sessionsByPrincipal.computeIfAbsent(principal, key -> new LongArrayList()).addLong(sessionId);
        if (role == Role.EDGE)
        {
            edgeSessions.addLong(sessionId);
        }
    }

    /** The session stops receiving its principal's private notices (it keeps its publication for answers). */
    void leavePrincipal(final long sessionId)
    {
        edgeSessions.removeLong(sessionId);
        final long principal = principalBySession.remove(sessionId);
        final LongArrayList sessions = principal == 0 ? null : sessionsByPrincipal.get(principal);
        if (sessions != null)
        {
            sessions.removeLong(sessionId);
            if (sessions.isEmpty())
            {
                sessionsByPrincipal.remove(principal);
            }
        }
    }

    void close(final long sessionId)
    {
        leavePrincipal(sessionId);
        channels.remove(sessionId);
        CloseHelper.quietClose(publications.remove(sessionId));
    }

    void closeAll()
    {
        publications.values().forEach(CloseHelper::quietClose);
        publications.clear();
        channels.clear();
        sessionsByPrincipal.clear();
        principalBySession.clear();
        edgeSessions.clear();
    }
}
