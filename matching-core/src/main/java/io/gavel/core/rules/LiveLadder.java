package io.gavel.core.rules;

import io.gavel.sbe.BidSource;
import io.gavel.sbe.LotState;
import io.gavel.sbe.PassReason;
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

    RejectReason commissionBid(final Lot lot, final Bidder bidder, final long maximum)
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
        lot.applyExposure(-1);
        book.place(bidder.id, maximum, ctx.sequence, bidder.hasLimit());
        // R2: placing never lowers the price.
        final long resolved = TimedBidding.resolve(lot, book);
        lot.bookPrice = empty ? resolved : Math.max(lot.bookPrice, resolved);
        lot.applyExposure(+1);
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
        lot.applyExposure(-1);
        final ProxyBook book = lot.book;
        book.remove(bidderId);
        // R2: a removal recomputes by replaying the remaining maximums in their sequence order.
        lot.bookPrice = book.isEmpty() ? 0 : TimedBidding.replayPrice(lot, book, ctx.scratchBook);
        lot.applyExposure(+1);
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
        lot.applyExposure(-1);
        lot.state = LotState.OPEN;
        auction.currentLot = lot;
        auction.lastClosedLot = null;
        lot.askVersion = 1;
        final ProxyBook book = lot.book;
        if (book.isEmpty())
        {
            lot.ask = lot.startPrice;
        }
        else
        {
            lot.leaderId = book.bidderAt(0);
            lot.price = lot.bookPrice;
            lot.ask = lot.nextAsk(lot.price);
            lot.ladder.record(lot.leaderId, lot.price, book.sequenceAt(0));
            for (int i = 1; i < book.size(); i++)
            {
                lot.ladder.record(book.bidderAt(i), book.maximumAt(i), book.sequenceAt(i));
            }
        }
        lot.applyExposure(+1);
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
        lot.overrideBand = lot.auction.increments.bandIndex(lot.leaderId != Lot.NONE ? lot.price : lot.ask);
        lot.overrideIncrement = increment;
        if (lot.leaderId != Lot.NONE)
        {
            lot.ask = lot.nextAsk(lot.price);
        }
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
        lot.ask = ask;
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
        lot.state = LotState.GOING;
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
        lot.applyExposure(-1);
        if (lot.leaderId == Lot.NONE)
        {
            ctx.passed(lot, PassReason.NO_BIDS);
        }
        else if (lot.price < lot.reserve)
        {
            ctx.passed(lot, PassReason.RESERVE_NOT_MET);
        }
        else
        {
            ctx.sold(lot, lot.leaderId, lot.price);
        }
        lot.applyExposure(+1);
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
        lot.applyExposure(-1);
        lot.state = LotState.OPEN;
        lot.winnerId = Lot.NONE;
        lot.salePrice = 0;
        lot.saleNumber = 0;
        lot.passReason = null;
        lot.applyExposure(+1);
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

    private void askChanged(final Lot lot, final long increment)
    {
        lot.askVersion++;
        ctx.sink.askChanged(lot.auction.id, lot.auction.nextEventSequence(), lot.id, lot.ask, lot.askVersion,
            increment);
        commissionBids(lot);
    }

    private void accept(final Lot lot, final Bidder bidder, final long amount, final BidSource source)
    {
        final long previousHolder = lot.leaderId;
        lot.applyExposure(-1);
        lot.leaderId = bidder.id;
        lot.price = amount;
        lot.state = LotState.OPEN;
        lot.ladder.record(bidder.id, amount, ctx.sequence);
        lot.ask = lot.nextAsk(amount);
        lot.askVersion++;
        lot.applyExposure(+1);
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
