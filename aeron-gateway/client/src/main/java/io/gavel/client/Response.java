package io.gavel.client;

import io.gavel.sbe.BooleanType;
import io.gavel.sbe.CommandAcceptedDecoder;
import io.gavel.sbe.CommandRejectedDecoder;
import io.gavel.sbe.RejectReason;

/**
 * The engine's answer to one command.
 *
 * @param correlationId the command's correlation id.
 * @param accepted      whether the command was accepted.
 * @param reason        why it was rejected; null when accepted.
 * @param engineSequence the engine sequence the command was applied at (the original one for a duplicate).
 * @param duplicate     whether this repeats the answer to an earlier command with the same correlation id.
 */
public record Response(long correlationId, boolean accepted, RejectReason reason, long engineSequence,
    boolean duplicate)
{
    /** The answer an acceptance frame carries. */
    public static Response accepted(final CommandAcceptedDecoder event)
    {
        return new Response(event.correlationId(), true, null, event.engineSequence(),
            event.duplicate() == BooleanType.TRUE);
    }

    /** The answer a rejection frame carries. */
    public static Response rejected(final CommandRejectedDecoder event)
    {
        return new Response(event.correlationId(), false, event.reason(), event.engineSequence(),
            event.duplicate() == BooleanType.TRUE);
    }

    @Override
    public String toString()
    {
        return accepted ? "ACCEPTED" + (duplicate ? " (duplicate)" : "") : "REJECTED " + reason +
            (duplicate ? " (duplicate)" : "");
    }
}
