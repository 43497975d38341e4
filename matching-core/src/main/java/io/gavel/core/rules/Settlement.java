package io.gavel.core.rules;

import io.gavel.sbe.LotState;
import io.gavel.sbe.PaymentResult;
import io.gavel.sbe.RejectReason;

/**
 * After the hammer (RULES.md R7): one payment report per sale; a failure strikes the winner and passes the sale to
 * the best remaining bidder, or ends the lot PASSED as DEFAULTED.
 */
final class Settlement
{
    private final RulesContext ctx;

    Settlement(final RulesContext ctx)
    {
        this.ctx = ctx;
    }

    RejectReason report(final Lot lot, final PaymentResult result)
    {
        if (lot.state != LotState.SOLD || lot.saleReported)
        {
            return lot.saleNumber > 0 ? RejectReason.ALREADY_SETTLED : RejectReason.LOT_NOT_SOLD;
        }
        final Auction auction = lot.auction;
        final Bidder winner = auction.bidder(lot.winnerId);
        lot.saleReported();
        if (result == PaymentResult.PAID)
        {
            ctx.sink.saleSettled(auction.id, lot.id, lot.winnerId, result, lot.saleNumber,
                winner == null ? 0 : winner.strikes);
            return null;
        }
        if (winner != null)
        {
            winner.strikes++;
        }
        lot.winnerDefaulted();
        ctx.sink.saleSettled(auction.id, lot.id, lot.winnerId, result, lot.saleNumber,
            winner == null ? 0 : winner.strikes);

        if (auction.isTimed())
        {
            secondChanceFromBook(lot);
        }
        else
        {
            secondChanceFromLadder(lot);
        }
        ctx.closed(lot);
        return null;
    }

    /** TIMED: the next bidder in the book, at their maximum, regardless of the reserve. */
    private void secondChanceFromBook(final Lot lot)
    {
        final ProxyBook book = lot.book;
        for (int i = 0; i < book.size(); i++)
        {
            final long bidderId = book.bidderAt(i);
            if (eligible(lot, bidderId))
            {
                lot.sell(bidderId, book.maximumAt(i));
                return;
            }
        }
        lot.passDefaulted();
    }

    /** LIVE: the under-bidder at their last accepted bid (a losing commission bidder at their maximum). */
    private void secondChanceFromLadder(final Lot lot)
    {
        final LadderHistory ladder = lot.ladder;
        int best = -1;
        for (int i = 0; i < ladder.size(); i++)
        {
            if (!eligible(lot, ladder.bidderAt(i)))
            {
                continue;
            }
            if (best < 0 || ladder.amountAt(i) > ladder.amountAt(best) ||
                (ladder.amountAt(i) == ladder.amountAt(best) && ladder.sequenceAt(i) < ladder.sequenceAt(best)))
            {
                best = i;
            }
        }
        if (best < 0)
        {
            lot.passDefaulted();
        }
        else
        {
            lot.sell(ladder.bidderAt(best), ladder.amountAt(best));
        }
    }

    private static boolean eligible(final Lot lot, final long bidderId)
    {
        final Bidder bidder = lot.auction.bidder(bidderId);
        return bidder != null && bidder.status != BidderStatus.SUSPENDED && !lot.hasDefaulted(bidderId);
    }
}
