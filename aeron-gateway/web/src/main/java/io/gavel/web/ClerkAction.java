package io.gavel.web;

import io.gavel.client.GavelCommands;

/** A clerk console's command, checked on the socket's thread and sent on the edge thread with the clerk's session. */
@FunctionalInterface
interface ClerkAction
{
    long send(GavelCommands clerk);

    /** The command for an action name, or null for an unknown one; a missing or wrong field is Malformed. */
    static ClerkAction of(final String action, final BrowserRequest request, final long auction, final long lot)
        throws BrowserRequest.Malformed
    {
        switch (action)
        {
            case "open":
                return clerk -> clerk.openLot(auction, lot);
            case "warn":
                return clerk -> clerk.fairWarning(auction, lot);
            case "hammer":
                return clerk -> clerk.hammer(auction, lot);
            case "pass":
                // The auctioneer passes a lot by withdrawing it (PASSED WITHDRAWN); a hammer with no bid passes too.
                return clerk -> clerk.withdrawLot(auction, lot);
            case "reopen":
                return clerk -> clerk.reopen(auction, lot);
            case "floor":
            {
                final long paddle = request.number("paddle");
                final long amount = request.number("amount");
                final int version = (int)request.number("askVersion");
                return clerk -> clerk.floorBid(auction, lot, paddle, amount, version);
            }
            case "jump":
            {
                final long ask = request.number("ask");
                return clerk -> clerk.jumpAsk(auction, lot, ask);
            }
            case "increment":
            {
                final long increment = request.number("increment");
                return clerk -> clerk.setIncrement(auction, lot, increment);
            }
            default:
                return null;
        }
    }
}
