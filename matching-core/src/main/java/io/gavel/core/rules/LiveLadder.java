package io.gavel.core.rules;

import io.gavel.sbe.BidSource;
import io.gavel.sbe.LotState;
import io.gavel.sbe.RejectReason;
import io.gavel.sbe.RetractionPolicy;
import io.gavel.sbe.TiePolicy;

/**
 * LIVE lots (RULES.md R3): commission bids before the lot opens, the ask ladder with internet, floor and automatic
 * commission bids, the clerk's increment override and ask jump, fair warning, hammer and reopen.
 */
final class LiveLadder
{
    private final RulesContext ctx;

    LiveLadder(final RulesContext ctx)
    {
        this.ctx = ctx;
    }

    RejectReason commissionBid(final Lot lot, final ActingBidder bidder, final long maximum)
    {
        if (lot.isClosed())
        {
            return RejectReason.LOT_CLOSED;
        }
        if (lot.state != LotState.SCHEDULED)
        {
            return RejectReason.COMMISSION_CLOSED;
        }
        final ProxyBook book = lot.book;
        final boolean leads = !book.isEmpty() && book.bidderAt(0) == bidder.id;
        if (leads && maximum <= book.maximumAt(0))
        {
            return RejectReason.CANNOT_LOWER_MAX;
        }
        if (maximum > Money.MAX_AMOUNT)
        {
            return RejectReason.AMOUNT_TOO_LARGE;
        }
        // R2 for everyone: at least the minimum acceptable bid of R1 against the commission book's own price.
        final boolean empty = book.isEmpty();
        final long minimum = empty ? lot.startPrice : lot.auction.increments.nextAsk(lot.bookPrice);
        if (maximum < minimum)
        {
            return RejectReason.BELOW_MINIMUM;
        }
        if (lot.auction.tiePolicy == TiePolicy.REJECT_EQUAL && !book.isEmpty() && !leads &&
            maximum == book.maximumAt(0))
        {
            return RejectReason.EQUAL_MAX_REJECTED;
        }
        if (RulesContext.overLimit(bidder, lot, maximum))
        {
            return RejectReason.OVER_LIMIT;
        }
        lot.placeCommission(bidder.id, maximum, ctx.sequence, bidder.limited);
        return null;
    }

    RejectReason retractCommission(final Lot lot, final Bidder bidder)
    {
        if (lot.isClosed())
        {
            return RejectReason.LOT_CLOSED;
        }
        if (lot.auction.retractionPolicy != RetractionPolicy.BEFORE_WINDOW || lot.state != LotState.SCHEDULED)
        {
            return RejectReason.RETRACTION_NOT_ALLOWED;
        }
        if (lot.book.indexOf(bidder.id) < 0)
        {
            return RejectReason.NO_MAXIMUM;
        }
        bidder.retractions++;
        removeCommission(lot, bidder.id);
        return null;
    }

    /** Removes a commission maximum; bids already accepted on the ladder stand (R3). */
    void removeCommission(final Lot lot, final long bidderId)
    {
        // R2: a removal recomputes by replaying the remaining maximums in their sequence order.
        lot.removeCommission(bidderId, ctx.scratchBook);
    }

    RejectReason open(final Lot lot)
    {
        if (lot.isClosed())
        {
            return RejectReason.LOT_CLOSED;
        }
        if (lot.state != LotState.SCHEDULED)
        {
            return RejectReason.LOT_ALREADY_OPEN;
        }
        final Auction auction = lot.auction;
        if (auction.currentLot != null)
        {
            return RejectReason.ANOTHER_LOT_OPEN;
        }
        lot.open();
        auction.currentLot = lot;
        auction.lastClosedLot = null;
        ctx.sink.lotOpened(auction.id, auction.nextEventSequence(), lot.id, lot.leaderId, lot.displayPrice(), lot.ask,
            lot.askVersion, lot.reserveMet());
        commissionBids(lot);
        return null;
    }

    /** An internet bid (bidder at the ask it saw) or a floor bid (clerk, for a paddle in the room). */
    RejectReason bidAtAsk(
        final Lot lot, final Bidder bidder, final long amount, final int askVersion, final BidSource source)
    {
        final RejectReason stateReason = runningCheck(lot);
        if (stateReason != null)
        {
            return stateReason;
        }
        if (lot.leaderId == bidder.id)
        {
            return RejectReason.ALREADY_LEADING;
        }
        if (amount > Money.MAX_AMOUNT)
        {
            return RejectReason.AMOUNT_TOO_LARGE;
        }
        if ((askVersion != 0 && askVersion != lot.askVersion) || amount < lot.ask)
        {
            return RejectReason.ASK_MOVED;
        }
        if (amount > lot.ask)
        {
            return RejectReason.NOT_AT_ASK;
        }
        if (RulesContext.overLimit(bidder, lot, amount))
        {
            return RejectReason.OVER_LIMIT;
        }
        accept(lot, bidder, amount, source);
        commissionBids(lot);
        return null;
    }

    RejectReason setIncrement(final Lot lot, final long increment)
    {
        final RejectReason stateReason = runningCheck(lot);
        if (stateReason != null)
        {
            return stateReason;
        }
        if (increment <= 0)
        {
            return RejectReason.INVALID_SETTINGS;
        }
        if (increment > Money.MAX_AMOUNT)
        {
            return RejectReason.INVALID_SETTINGS;
        }
        // R1: the band of the price when someone holds the lot, else the band of the current ask.
        lot.overrideIncrement(increment);
        askChanged(lot, increment);
        return null;
    }

    RejectReason jumpAsk(final Lot lot, final long ask)
    {
        final RejectReason stateReason = runningCheck(lot);
        if (stateReason != null)
        {
            return stateReason;
        }
        if (ask <= lot.ask)
        {
            return RejectReason.BELOW_MINIMUM;
        }
        if (ask > Money.MAX_AMOUNT)
        {
            return RejectReason.INVALID_SETTINGS;
        }
        lot.jumpAsk(ask);
        askChanged(lot, lot.nextAsk(lot.displayPrice()) - lot.displayPrice());
        return null;
    }

    RejectReason fairWarning(final Lot lot)
    {
        final RejectReason stateReason = runningCheck(lot);
        if (stateReason != null)
        {
            return stateReason;
        }
        lot.fairWarning();
        ctx.sink.fairWarningGiven(lot.auction.id, lot.auction.nextEventSequence(), lot.id);
        return null;
    }

    RejectReason hammer(final Lot lot)
    {
        final RejectReason stateReason = runningCheck(lot);
        if (stateReason != null)
        {
            return stateReason;
        }
        final Auction auction = lot.auction;
        lot.close();
        ctx.closed(lot);
        auction.currentLot = null;
        auction.lastClosedLot = lot;
        return null;
    }

    RejectReason reopen(final Lot lot)
    {
        if (lot.isLiveRunning())
        {
            return RejectReason.LOT_ALREADY_OPEN;
        }
        final Auction auction = lot.auction;
        // Once a payment has been reported the sale belongs to settlement: the hammer cannot be taken back.
        if (auction.lastClosedLot != lot || lot.saleReported || lot.saleNumber > 1)
        {
            return RejectReason.REOPEN_NOT_ALLOWED;
        }
        lot.reopen();
        auction.currentLot = lot;
        auction.lastClosedLot = null;
        ctx.sink.lotReopened(auction.id, auction.nextEventSequence(), lot.id, lot.leaderId, lot.displayPrice(),
            lot.ask, lot.askVersion);
        return null;
    }

    private static RejectReason runningCheck(final Lot lot)
    {
        if (lot.isClosed())
        {
            return RejectReason.LOT_CLOSED;
        }
        return lot.isLiveRunning() ? null : RejectReason.LOT_NOT_OPEN;
    }

    /** After the lot has moved its ask (and its ask version). */
    private void askChanged(final Lot lot, final long increment)
    {
        ctx.sink.askChanged(lot.auction.id, lot.auction.nextEventSequence(), lot.id, lot.ask, lot.askVersion,
            increment);
        commissionBids(lot);
    }

    private void accept(final Lot lot, final Bidder bidder, final long amount, final BidSource source)
    {
        final long previousHolder = lot.leaderId;
        lot.accept(bidder.id, amount, ctx.sequence);
        final Auction auction = lot.auction;
        ctx.sink.bidAccepted(auction.id, auction.nextEventSequence(), lot.id, bidder.id, bidder.paddle, source,
            bidder.id, amount, lot.ask, lot.askVersion, lot.reserveMet());
        if (previousHolder != Lot.NONE && previousHolder != bidder.id)
        {
            ctx.sink.outbid(auction.id, lot.id, previousHolder, amount);
        }
    }

    /**
     * After the ask moves: while the best commission maximum of anyone but the holder covers the ask, that bidder
     * takes it automatically (R3). Automatic bids are not re-checked against limits (R5).
     */
    private void commissionBids(final Lot lot)
    {
        final ProxyBook book = lot.book;
        while (true)
        {
            Bidder next = null;
            for (int i = 0; i < book.size(); i++)
            {
                if (book.maximumAt(i) < lot.ask)
                {
                    break;
                }
                final long bidderId = book.bidderAt(i);
                final Bidder candidate = lot.auction.bidder(bidderId);
                if (bidderId != lot.leaderId && candidate != null && candidate.status == BidderStatus.APPROVED)
                {
                    next = candidate;
                    break;
                }
            }
            if (next == null)
            {
                return;
            }
            accept(lot, next, lot.ask, BidSource.COMMISSION);
        }
    }
}
