package io.gavel.core.rules;

import io.gavel.sbe.Role;

/**
 * Who may do what (ARCHITECTURE.md §6). The gateway verifies the principal; the core authorizes the command.
 */
enum Authorization
{
    /** Create and cancel auctions, add and withdraw lots, register, approve and suspend bidders. */
    ADMINISTER,
    /** Open, fair warning, hammer, reopen, increment override and ask jump on a LIVE lot. */
    RUN_LOT,
    /** Enter a floor bid for a paddle in the room. */
    FLOOR_BID,
    /** Bid, buy, or retract as a bidder. */
    BID,
    /** Report a payment result. */
    SETTLE,
    /** Advance engine time. */
    TICK,
    /** Read an auction's status. */
    QUERY,
    /** Read one bidder's own standing (limit, exposure): private to the bidder and those who run its auction. */
    BIDDER_QUERY;

    boolean allows(final Role role, final long principal, final long bidderId)
    {
        if (role == null || role == Role.NULL_VAL)
        {
            return false;
        }
        switch (this)
        {
            case ADMINISTER:
                return role == Role.ADMIN || role == Role.AUCTIONEER;
            case RUN_LOT:
            case FLOOR_BID:
                return role == Role.ADMIN || role == Role.AUCTIONEER || role == Role.CLERK;
            case BID:
                // Admins may act for a bidder (support, rehearsals); a web edge for the bidders whose tokens it
                // verified (docs/WEB.md: one edge session speaks for many browsers); a bidder only for itself.
                return role == Role.ADMIN || role == Role.EDGE || (role == Role.BIDDER && principal == bidderId);
            case SETTLE:
                return role == Role.ADMIN || role == Role.SETTLEMENT;
            case TICK:
                return role == Role.ADMIN || role == Role.ENGINE;
            case QUERY:
                return true;
            case BIDDER_QUERY:
                // A CLERK only in an auction it is assigned to: AuctionRules checks that with the auction at hand.
                return role == Role.ADMIN || role == Role.AUCTIONEER || role == Role.CLERK || role == Role.EDGE ||
                    (role == Role.BIDDER && principal == bidderId);
            default:
                return false;
        }
    }
}
