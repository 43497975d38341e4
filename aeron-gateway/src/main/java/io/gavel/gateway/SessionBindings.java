package io.gavel.gateway;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The egress tells the ingress how each Connect ended: bound (its response channel connected, told before its answer
 * is sent, so the client's first command always finds the session bound) or refused (the channel could not be opened
 * or never connected). Connects are rare, so a plain concurrent queue is enough.
 */
final class SessionBindings
{
    /** The outcome of one Connect. */
    record Outcome(long sessionId, long connectCorrelationId, boolean bound)
    {
    }

    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();

    /** Egress thread. */
    void bound(final long sessionId, final long connectCorrelationId)
    {
        outcomes.add(new Outcome(sessionId, connectCorrelationId, true));
    }

    /** Egress thread. */
    void refused(final long sessionId, final long connectCorrelationId)
    {
        outcomes.add(new Outcome(sessionId, connectCorrelationId, false));
    }

    /** Ingress thread: the next outcome, or null. */
    Outcome poll()
    {
        return outcomes.poll();
    }
}
