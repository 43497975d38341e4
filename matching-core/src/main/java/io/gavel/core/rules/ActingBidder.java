package io.gavel.core.rules;

/**
 * The bidder of the bid being applied, as its lookup slot gave it ({@link BidderTable}): id, paddle, whether it has
 * a limit, and its position, through which the {@link Bidder} itself is reached when the bid needs its limit and
 * exposure (only bidders with a limit). One per core, refilled for every bid: primitive fields only, so filling it
 * stores no reference (and costs no GC barrier).
 */
final class ActingBidder
{
    long id;
    long paddle;
    boolean limited;
    int position;

    /** The bidder's object, for its limit and exposure; read only when {@link #limited}. */
    Bidder bidder(final Auction auction)
    {
        return auction.bidderTable().bidderAt(position);
    }
}
