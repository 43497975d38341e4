package io.gavel.gateway;

import io.gavel.sbe.Role;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;

/**
 * The ingress's sessions by Aeron session id: created when a Connect's token checks out, bound when the egress says
 * its response channel is connected and its Connect answered ({@link SessionBindings}), forgotten when it leaves.
 * Keeps the sessions counter (bound sessions). Ingress thread only.
 */
final class IngressSessions
{
    private final Long2ObjectHashMap<IngressSession> sessions = new Long2ObjectHashMap<>();
    private final SessionBindings bindings;
    private final EngineCounters counters;
    private final long ratePerSecond;
    private final long rateBurst;

    IngressSessions(final SessionBindings bindings, final EngineCounters counters, final long ratePerSecond,
        final long rateBurst)
    {
        this.bindings = bindings;
        this.counters = counters;
        this.ratePerSecond = ratePerSecond;
        this.rateBurst = Math.max(1, rateBurst);
    }

    IngressSession get(final long sessionId)
    {
        return sessions.get(sessionId);
    }

    boolean contains(final long sessionId)
    {
        return sessions.containsKey(sessionId);
    }

    /** A verified Connect: the session (new, or re-connecting) speaks for this principal once the egress binds it. */
    IngressSession connecting(final long sessionId, final long principal, final Role role,
        final long connectCorrelationId, final long now)
    {
        IngressSession session = sessions.get(sessionId);
        if (session == null)
        {
            session = new IngressSession();
            sessions.put(sessionId, session);
            session.tokens = rateBurst * IngressSession.TOKEN;
            session.lastRefillNanos = now;
        }
        session.bound = false;
        session.connectCorrelationId = connectCorrelationId;
        session.principal = principal;
        session.role = role;
        session.lastSeenNanos = now;
        return session;
    }

    /** Takes the egress's word on every Connect it finished since the last call. */
    int applyBindings()
    {
        int applied = 0;
        SessionBindings.Outcome outcome;
        while ((outcome = bindings.poll()) != null)
        {
            applied++;
            final IngressSession session = sessions.get(outcome.sessionId());
            if (session == null || session.connectCorrelationId != outcome.connectCorrelationId() || session.bound)
            {
                continue;
            }
            if (outcome.bound())
            {
                session.bound = true;
                if (!session.counted)
                {
                    session.counted = true;
                    counters.sessions.incrementRelease();
                }
            }
            else
            {
                forget(outcome.sessionId());
            }
        }
        return applied;
    }

    /** Whether the session may send one more command now: {@code gavel.session.rate.limit}, bursts of the burst. */
    boolean withinRate(final IngressSession session, final long now)
    {
        return ratePerSecond <= 0 || session.takeToken(now, ratePerSecond, rateBurst);
    }

    boolean forget(final long sessionId)
    {
        final IngressSession session = sessions.remove(sessionId);
        if (session != null && session.counted)
        {
            counters.sessions.decrementRelease();
        }
        return session != null;
    }

    /** Sessions not heard from (no command, no heartbeat) for longer than {@code timeoutNanos}; null if none. */
    LongArrayList silent(final long now, final long timeoutNanos)
    {
        LongArrayList silent = null;
        final Long2ObjectHashMap<IngressSession>.EntryIterator entries = sessions.entrySet().iterator();
        while (entries.hasNext())
        {
            entries.next();
            if (now - entries.getValue().lastSeenNanos > timeoutNanos)
            {
                if (silent == null)
                {
                    silent = new LongArrayList();
                }
                silent.addLong(entries.getLongKey());
            }
        }
        return silent;
    }
}
