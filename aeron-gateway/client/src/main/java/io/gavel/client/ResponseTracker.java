package io.gavel.client;

import io.gavel.sbe.BooleanType;
import io.gavel.sbe.CommandAcceptedDecoder;
import io.gavel.sbe.CommandRejectedDecoder;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Outcomes of this client's commands by correlation id, kept until read, so callers can await an answer.
 */
final class ResponseTracker implements GavelListener
{
    private final Long2ObjectHashMap<Response> outcomes = new Long2ObjectHashMap<>();

    @Override
    public void onCommandAccepted(final CommandAcceptedDecoder event)
    {
        outcomes.put(event.correlationId(), Response.accepted(event));
    }

    @Override
    public void onCommandRejected(final CommandRejectedDecoder event)
    {
        outcomes.put(event.correlationId(), Response.rejected(event));
    }

    Response take(final long correlationId)
    {
        return outcomes.remove(correlationId);
    }
}
