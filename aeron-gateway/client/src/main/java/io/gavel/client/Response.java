package io.gavel.client;

import io.gavel.sbe.BooleanType;
import io.gavel.sbe.CommandAcceptedDecoder;
import io.gavel.sbe.CommandRejectedDecoder;
import io.gavel.sbe.RejectReason;

/**
 * The engine's answer to one command.
 * <p>
 * A bid refused for where the lot stands (ASK_MOVED, NOT_AT_ASK, BELOW_MINIMUM, ALREADY_LEADING, EQUAL_MAX_REJECTED)
 * carries the lot's current ask and its version, and on a TIMED lot the least maximum it now accepts: enough to bid
 * again without asking for the lot's status. An engine older than protocol version 2 sends none of them.
 *
 * @param correlationId  the command's correlation id.
 * @param accepted       whether the command was accepted.
 * @param reason         why it was rejected; null when accepted.
 * @param engineSequence the engine sequence the command was applied at (the original one for a duplicate).
 * @param duplicate      whether this repeats the answer to an earlier command with the same correlation id.
 * @param ask            the lot's current ask (minor units), or {@link #NOT_GIVEN}.
 * @param askVersion     the current ask's version, or {@link #NO_VERSION}.
 * @param minimumBid     TIMED: the least maximum the lot now accepts, or {@link #NOT_GIVEN}.
 */
public record Response(long correlationId, boolean accepted, RejectReason reason, long engineSequence,
    boolean duplicate, long ask, int askVersion, long minimumBid)
{
    /** An amount the answer does not carry. */
    public static final long NOT_GIVEN = CommandRejectedDecoder.askNullValue();
    /** An ask version the answer does not carry. */
    public static final int NO_VERSION = CommandRejectedDecoder.askVersionNullValue();

    /** An answer without the lot's state. */
    public Response(final long correlationId, final boolean accepted, final RejectReason reason,
        final long engineSequence, final boolean duplicate)
    {
        this(correlationId, accepted, reason, engineSequence, duplicate, NOT_GIVEN, NO_VERSION, NOT_GIVEN);
    }

    /** The answer an acceptance frame carries. */
    public static Response accepted(final CommandAcceptedDecoder event)
    {
        return new Response(event.correlationId(), true, null, event.engineSequence(),
            event.duplicate() == BooleanType.TRUE);
    }

    /** The answer a rejection frame carries (a version 1 frame reads the null values: nothing given). */
    public static Response rejected(final CommandRejectedDecoder event)
    {
        return new Response(event.correlationId(), false, event.reason(), event.engineSequence(),
            event.duplicate() == BooleanType.TRUE, event.ask(), event.askVersion(), event.minimumBid());
    }

    /** Whether the answer carries the lot's current ask (and its version). */
    public boolean hasAsk()
    {
        return ask != NOT_GIVEN;
    }

    /** Whether the answer carries the least maximum a TIMED lot now accepts. */
    public boolean hasMinimumBid()
    {
        return minimumBid != NOT_GIVEN;
    }

    /**
     * The lot's state in words, e.g. {@code the ask is 160.00 (version 4)}, amounts in major units with two
     * decimals; empty when the answer carries none.
     */
    public String lotContext()
    {
        if (hasMinimumBid())
        {
            return "the minimum bid is " + amount(minimumBid);
        }
        if (hasAsk())
        {
            return "the ask is " + amount(ask) + (askVersion != NO_VERSION ? " (version " + askVersion + ")" : "");
        }
        return "";
    }

    private static String amount(final long minorUnits)
    {
        final long abs = Math.abs(minorUnits);
        return (minorUnits < 0 ? "-" : "") + abs / 100 + "." + (abs % 100 < 10 ? "0" : "") + abs % 100;
    }

    @Override
    public String toString()
    {
        if (accepted)
        {
            return "ACCEPTED" + (duplicate ? " (duplicate)" : "");
        }
        final String context = lotContext();
        return "REJECTED " + reason + (context.isEmpty() ? "" : ", " + context) + (duplicate ? " (duplicate)" : "");
    }
}
