package io.gavel.core.rules;

import io.gavel.sbe.Role;

/**
 * What every rule needs about the command being applied: its engine sequence and time, who sent it, and where
 * events go. The core reads time only from here (ARCHITECTURE.md §3).
 */
final class RulesContext
{
    final DeadlineQueue deadlines = new DeadlineQueue();
    /** Every lot's proxy book lives in this one arena (BookArena: growth without allocation). */
    final BookArena books = new BookArena();
    final ProxyBook scratchBook = new ProxyBook();
    /** The bidder of the bid being applied (refilled per bid). */
    final ActingBidder acting = new ActingBidder();
    EventSink sink;
    long sequence;
    long now;
    long principal;
    Role role;

    RulesContext(final EventSink sink)
    {
        this.sink = sink;
    }

    /** As {@link #overLimit(Bidder, Lot, long)}; a bidder without a limit is never over it (its object not read). */
    static boolean overLimit(final ActingBidder bidder, final Lot lot, final long amount)
    {
        return bidder.limited && overLimit(bidder.bidder(lot.auction), lot, amount);
    }

    /** Whether the bid takes the bidder's exposure past their limit (RULES.md R5); the lot counts once. */
    static boolean overLimit(final Bidder bidder, final Lot lot, final long amount)
    {
        if (!bidder.hasLimit())
        {
            return false;
        }
        final long exposureElsewhere = bidder.exposure - Exposure.of(lot, bidder.id);
        return exposureElsewhere + Money.withPremium(amount, lot.auction.premiumRateBps) > bidder.limit;
    }

    /** The events of a lot that has just closed: LotSold and LotWon, or LotPassed. */
    void closed(final Lot lot)
    {
        if (lot.state == io.gavel.sbe.LotState.PASSED)
        {
            sink.lotPassed(lot.auction.id, lot.auction.nextEventSequence(), lot.id, lot.passReason);
            return;
        }
        final long winnerId = lot.winnerId;
        final long price = lot.salePrice;
        final Bidder winner = lot.auction.bidder(winnerId);
        final long invoice = Money.withPremium(price, lot.auction.premiumRateBps);
        final Auction auction = lot.auction;
        sink.lotSold(auction.id, auction.nextEventSequence(), lot.id, winnerId, winner == null ? 0 : winner.paddle,
            price, invoice, lot.saleNumber);
        sink.lotWon(auction.id, lot.id, winnerId, price, invoice);
    }
}
