package io.gavel.core.rules;

import io.gavel.sbe.BidSource;
import io.gavel.sbe.Format;
import io.gavel.sbe.LotState;
import io.gavel.sbe.PassReason;
import io.gavel.sbe.PaymentResult;

import java.util.ArrayList;
import java.util.List;

/**
 * Records what the rules emit as short strings, for tests that read like the rules.
 */
class RecordingSink implements EventSink
{
    final List<String> events = new ArrayList<>();

    List<String> drain()
    {
        final List<String> copy = new ArrayList<>(events);
        events.clear();
        return copy;
    }

    long count(final String prefix)
    {
        return events.stream().filter(e -> e.startsWith(prefix)).count();
    }

    public void auctionCreated(final long auctionId, final long seq, final Format format, final String currency)
    {
        events.add("AuctionCreated " + auctionId + " " + format);
    }

    public void lotAdded(final long auctionId, final long seq, final long lotId, final long startPrice,
        final long buyNowPrice, final long endTime, final boolean hasReserve)
    {
        events.add("LotAdded " + auctionId + "/" + lotId);
    }

    public void lotOpened(final long auctionId, final long seq, final long lotId, final long holderId,
        final long price, final long ask, final int askVersion, final boolean reserveMet)
    {
        events.add("LotOpened " + lotId + " holder=" + holderId + " price=" + price + " ask=" + ask + " v" +
            askVersion);
    }

    public void bidAccepted(final long auctionId, final long seq, final long lotId, final long bidderId,
        final long paddle, final BidSource source, final long leaderId, final long price, final long ask,
        final int askVersion, final boolean reserveMet)
    {
        events.add("BidAccepted " + lotId + " " + source + " bidder=" + bidderId + " leader=" + leaderId + " price=" +
            price + " ask=" + ask + " v" + askVersion);
    }

    public void priceChanged(final long auctionId, final long seq, final long lotId, final long leaderId,
        final long price, final long ask, final boolean reserveMet)
    {
        events.add("PriceChanged " + lotId + " leader=" + leaderId + " price=" + price);
    }

    public void askChanged(final long auctionId, final long seq, final long lotId, final long ask,
        final int askVersion, final long increment)
    {
        events.add("AskChanged " + lotId + " ask=" + ask + " v" + askVersion);
    }

    public void fairWarningGiven(final long auctionId, final long seq, final long lotId)
    {
        events.add("FairWarning " + lotId);
    }

    public void endExtended(final long auctionId, final long seq, final long lotId, final long endTime,
        final int extensions)
    {
        events.add("EndExtended " + lotId + " end=" + endTime + " n=" + extensions);
    }

    public void lotSold(final long auctionId, final long seq, final long lotId, final long bidderId,
        final long paddle, final long price, final long invoiceAmount, final int saleNumber)
    {
        events.add("LotSold " + lotId + " bidder=" + bidderId + " price=" + price + " invoice=" + invoiceAmount +
            " sale=" + saleNumber);
    }

    public void lotPassed(final long auctionId, final long seq, final long lotId, final PassReason reason)
    {
        events.add("LotPassed " + lotId + " " + reason);
    }

    public void lotReopened(final long auctionId, final long seq, final long lotId, final long holderId,
        final long price, final long ask, final int askVersion)
    {
        events.add("LotReopened " + lotId + " holder=" + holderId + " price=" + price + " ask=" + ask);
    }

    public void bidRetracted(final long auctionId, final long seq, final long lotId, final long bidderId,
        final byte[] reason, final int reasonLength)
    {
        events.add("BidRetracted " + lotId + " bidder=" + bidderId);
    }

    public void outbid(final long auctionId, final long lotId, final long bidderId, final long price)
    {
        events.add("Outbid " + lotId + " bidder=" + bidderId + " price=" + price);
    }

    public void lotWon(final long auctionId, final long lotId, final long bidderId, final long price,
        final long invoiceAmount)
    {
        events.add("LotWon " + lotId + " bidder=" + bidderId);
    }

    public void saleSettled(final long auctionId, final long lotId, final long bidderId, final PaymentResult result,
        final int saleNumber, final int strikes)
    {
        events.add("SaleSettled " + lotId + " bidder=" + bidderId + " " + result + " strikes=" + strikes);
    }

    public void lotStatus(final long correlationId, final long auctionId, final long eventSequence, final long lotId,
        final LotState state, final long leaderId, final long price, final long ask, final int askVersion,
        final boolean reserveMet, final long endTime, final long leaderPaddle)
    {
        events.add("LotStatus " + lotId + " " + state + " leader=" + leaderId + " price=" + price + " ask=" + ask
            + " paddle=" + (leaderPaddle == NO_PADDLE ? "none" : String.valueOf(leaderPaddle)));
    }

    public void bidderStatus(final long correlationId, final long auctionId, final long bidderId, final long paddle,
        final long limit, final long exposure, final boolean approved, final boolean suspended, final int strikes)
    {
        events.add("BidderStatus " + bidderId + " paddle=" + paddle + " limit=" + limit + " exposure=" + exposure
            + " approved=" + approved + " suspended=" + suspended + " strikes=" + strikes);
    }
}
