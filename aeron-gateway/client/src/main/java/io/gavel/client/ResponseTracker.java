package io.gavel.client;

import io.gavel.sbe.RejectReason;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Outcomes of this client's commands by correlation id, kept until read, so callers can await an answer.
 */
final class ResponseTracker
{
    private final Long2ObjectHashMap<Response> outcomes = new Long2ObjectHashMap<>();

    void record(final long correlationId, final boolean accepted, final RejectReason reason, final long sequence,
        final boolean duplicate)
    {
        outcomes.put(correlationId, new Response(correlationId, accepted, reason, sequence, duplicate));
    }

    Response take(final long correlationId)
    {
        return outcomes.remove(correlationId);
    }
}
