package io.gavel.core.rules;

import io.gavel.sbe.BidSource;
import io.gavel.sbe.LotState;
import io.gavel.sbe.RejectReason;
import io.gavel.sbe.RetractionPolicy;
import io.gavel.sbe.TiePolicy;

/**
 * TIMED lots: maximum (proxy) bids (R2), buy-now, retraction (R5), soft close and closing at the deadline (R4).
 */
final class TimedBidding
{
    private final RulesContext ctx;

    TimedBidding(final RulesContext ctx)
    {
        this.ctx = ctx;
    }

    RejectReason maxBid(final Lot lot, final ActingBidder bidder, final long maximum)
    {
        if (lot.state != LotState.OPEN)
        {
            return RejectReason.LOT_CLOSED;
        }
        if (maximum > Money.MAX_AMOUNT)
        {
            return RejectReason.AMOUNT_TOO_LARGE;
        }
        final ProxyBook book = lot.book;
        if (lot.leaderId == bidder.id && maximum <= book.maximumOf(bidder.id))
        {
            return RejectReason.CANNOT_LOWER_MAX;
        }
        if (maximum < lot.minimumBid())
        {
            return RejectReason.BELOW_MINIMUM;
        }
        if (lot.auction.tiePolicy == TiePolicy.REJECT_EQUAL && lot.leaderId != Lot.NONE &&
            lot.leaderId != bidder.id && maximum == book.maximumAt(0))
        {
            return RejectReason.EQUAL_MAX_REJECTED;
        }
        if (RulesContext.overLimit(bidder, lot, maximum))
        {
            return RejectReason.OVER_LIMIT;
        }

        final long previousLeader = lot.leaderId;
        final long previousPrice = lot.price;
        lot.placeMaximum(bidder.id, maximum, ctx.sequence, bidder.limited);

        final Auction auction = lot.auction;
        ctx.sink.bidAccepted(auction.id, auction.nextEventSequence(), lot.id, bidder.id, bidder.paddle,
            BidSource.PROXY, lot.leaderId, lot.price, lot.minimumBid(), 0, lot.reserveMet());
        if (previousLeader != Lot.NONE && previousLeader != lot.leaderId)
        {
            ctx.sink.outbid(auction.id, lot.id, previousLeader, lot.price);
        }
        if (previousLeader != lot.leaderId || previousPrice != lot.price)
        {
            softClose(lot);
        }
        return null;
    }

    RejectReason buyNow(final Lot lot, final Bidder bidder)
    {
        if (lot.state != LotState.OPEN)
        {
            return RejectReason.LOT_CLOSED;
        }
        final boolean reserveBlocks = lot.reserve == 0 || lot.reserveMet();
        if (lot.buyNowPrice == 0 || (!lot.book.isEmpty() && reserveBlocks))
        {
            return RejectReason.BUY_NOW_UNAVAILABLE;
        }
        if (RulesContext.overLimit(bidder, lot, lot.buyNowPrice))
        {
            return RejectReason.OVER_LIMIT;
        }
        final long previousLeader = lot.leaderId;
        ctx.deadlines.remove(lot);
        lot.buyNow(bidder.id);
        final Auction auction = lot.auction;
        ctx.sink.bidAccepted(auction.id, auction.nextEventSequence(), lot.id, bidder.id, bidder.paddle,
            BidSource.BUY_NOW, bidder.id, lot.price, 0, 0, true);
        if (previousLeader != Lot.NONE && previousLeader != bidder.id)
        {
            ctx.sink.outbid(auction.id, lot.id, previousLeader, lot.price);
        }
        ctx.closed(lot);
        return null;
    }

    RejectReason retract(final Lot lot, final Bidder bidder, final byte[] reason, final int reasonLength)
    {
        if (lot.state != LotState.OPEN)
        {
            return RejectReason.LOT_CLOSED;
        }
        final Auction auction = lot.auction;
        if (auction.retractionPolicy != RetractionPolicy.BEFORE_WINDOW || auction.softClose.inWindow(lot, ctx.now))
        {
            return RejectReason.RETRACTION_NOT_ALLOWED;
        }
        if (lot.book.indexOf(bidder.id) < 0)
        {
            return RejectReason.NO_MAXIMUM;
        }
        bidder.retractions++;
        ctx.sink.bidRetracted(auction.id, auction.nextEventSequence(), lot.id, bidder.id, reason, reasonLength);
        removeMaximum(lot, bidder.id);
        return null;
    }

    /** Removes a maximum (retraction or suspension) and recomputes by replay (R2). Never extends (R4). */
    void removeMaximum(final Lot lot, final long bidderId)
    {
        final long previousLeader = lot.leaderId;
        final long previousPrice = lot.price;
        lot.removeMaximum(bidderId, ctx.scratchBook);
        if (previousLeader != lot.leaderId || previousPrice != lot.price)
        {
            final Auction auction = lot.auction;
            ctx.sink.priceChanged(auction.id, auction.nextEventSequence(), lot.id, lot.leaderId, lot.displayPrice(),
                lot.minimumBid(), lot.reserveMet());
        }
    }

    /** R4: the lot's deadline has passed. */
    void close(final Lot lot)
    {
        lot.close();
        ctx.closed(lot);
    }

    /**
     * Leader's price from the book by R2 with the reserve rule: if the first maximum reaches the reserve the price is
     * at least the reserve, else the price is the first maximum. Placing never lowers it: callers keep the larger.
     */
    static long resolve(final Lot lot, final ProxyBook book)
    {
        final long price = book.resolvedPrice(lot.startPrice, lot.auction.increments);
        final long first = book.maximumAt(0);
        return first >= lot.reserve ? Math.max(price, lot.reserve) : first;
    }

    /**
     * The R2 price of a non-empty book: its maximums placed one by one in their sequence order, each placement
     * resolved with the reserve rule and never lowering the price. {@code scratch} is cleared and used as work space.
     */
    static long replayPrice(final Lot lot, final ProxyBook book, final ProxyBook scratch)
    {
        scratch.clear();
        long price = 0;
        long lastSequence = Long.MIN_VALUE;
        for (int placed = 0; placed < book.size(); placed++)
        {
            int next = -1;
            for (int i = 0; i < book.size(); i++)
            {
                final long sequence = book.sequenceAt(i);
                if (sequence > lastSequence && (next < 0 || sequence < book.sequenceAt(next)))
                {
                    next = i;
                }
            }
            lastSequence = book.sequenceAt(next);
            scratch.place(book.bidderAt(next), book.maximumAt(next), lastSequence, book.limitedAt(next));
            final long resolved = resolve(lot, scratch);
            price = placed == 0 ? resolved : Math.max(price, resolved);
        }
        return price;
    }

    private void softClose(final Lot lot)
    {
        final SoftClosePolicy policy = lot.auction.softClose;
        final long newEnd = policy.extendedEnd(lot, ctx.now);
        if (newEnd > lot.end)
        {
            lot.extendTo(newEnd);
            ctx.deadlines.deadlineExtended(lot);
            final Auction auction = lot.auction;
            ctx.sink.endExtended(auction.id, auction.nextEventSequence(), lot.id, lot.end, lot.extensions);
        }
    }
}
