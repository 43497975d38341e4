package io.gavel.core.rules;

import io.gavel.sbe.BidSource;
import io.gavel.sbe.Format;
import io.gavel.sbe.LotState;
import io.gavel.sbe.PassReason;
import io.gavel.sbe.PaymentResult;

import java.util.HashMap;
import java.util.Map;

/**
 * What a client sees: a mirror of every lot built only from the events the engine emits, as a subscriber would build
 * it. {@link #differences} compares it with the engine's own state, so an event that is missing, out of sequence or
 * wrong shows even when the state itself is right.
 */
final class MirrorSink implements EventSink
{
    private static final class View
    {
        LotState state;
        long leader;
        long price;
        long ask;
        int askVersion;
        long end;
        int extensions;
        long winner;
        long salePrice;
        int sale;
        PassReason passReason;
    }

    private final Map<String, View> lots = new HashMap<>();
    private final Map<Long, Long> sequences = new HashMap<>();
    private final StringBuilder errors = new StringBuilder();
    private AuctionRules rules;

    void observe(final AuctionRules rules)
    {
        this.rules = rules;
    }

    private View view(final long auction, final long lot)
    {
        return lots.computeIfAbsent(auction + "/" + lot, k -> new View());
    }

    private void sequence(final long auction, final long seq, final String event)
    {
        final long expected = sequences.getOrDefault(auction, 0L) + 1;
        if (seq != expected)
        {
            errors.append(event).append(" of auction ").append(auction).append(" has seq ").append(seq)
                .append(", expected ").append(expected).append('\n');
        }
        sequences.put(auction, seq);
    }

    /** The mirror against the engine after a command; empty when they agree. Clears what it reported. */
    String differences()
    {
        for (final Auction auction : rules.auctions())
        {
            for (final Lot lot : auction.lots())
            {
                final View v = view(auction.id(), lot.id());
                final StringBuilder d = new StringBuilder();
                compare(d, "state", v.state, lot.state());
                if (lot.state() == LotState.SOLD)
                {
                    compare(d, "winner", v.winner, lot.winnerId());
                    compare(d, "sale price", v.salePrice, lot.salePrice());
                    compare(d, "sale", v.sale, lot.saleNumber());
                }
                else if (lot.state() == LotState.PASSED)
                {
                    compare(d, "pass reason", v.passReason, lot.passReason());
                }
                else if (lot.state() != LotState.SCHEDULED)
                {
                    compare(d, "leader", v.leader, lot.leaderId());
                    compare(d, "price", v.price, lot.displayPrice());
                    if (auction.isTimed())
                    {
                        compare(d, "end", v.end, lot.end());
                        compare(d, "extensions", v.extensions, lot.extensions());
                    }
                    else
                    {
                        compare(d, "ask", v.ask, lot.ask());
                        compare(d, "ask version", v.askVersion, lot.askVersion());
                    }
                }
                if (d.length() > 0)
                {
                    errors.append("lot ").append(auction.id()).append('/').append(lot.id()).append(" as published:")
                        .append(d).append('\n');
                }
            }
        }
        final String result = errors.toString();
        errors.setLength(0);
        return result;
    }

    private static void compare(final StringBuilder d, final String what, final Object published, final Object actual)
    {
        if (!java.util.Objects.equals(published, actual))
        {
            d.append(' ').append(what).append(' ').append(published).append(" (engine ").append(actual).append(')');
        }
    }

    public void auctionCreated(final long auctionId, final long seq, final Format format, final String currency)
    {
        sequence(auctionId, seq, "AuctionCreated");
    }

    public void lotAdded(final long auctionId, final long seq, final long lotId, final long startPrice,
        final long buyNowPrice, final long endTime, final boolean hasReserve)
    {
        sequence(auctionId, seq, "LotAdded");
        final View v = view(auctionId, lotId);
        final boolean timed = rules.auction(auctionId).isTimed();
        v.state = timed ? LotState.OPEN : LotState.SCHEDULED;
        v.price = startPrice;
        v.end = endTime;
    }

    public void lotOpened(final long auctionId, final long seq, final long lotId, final long holderId,
        final long price, final long ask, final int askVersion, final boolean reserveMet)
    {
        sequence(auctionId, seq, "LotOpened");
        final View v = view(auctionId, lotId);
        v.state = LotState.OPEN;
        v.leader = holderId;
        v.price = price;
        v.ask = ask;
        v.askVersion = askVersion;
    }

    public void bidAccepted(final long auctionId, final long seq, final long lotId, final long bidderId,
        final long paddle, final BidSource source, final long leaderId, final long price, final long ask,
        final int askVersion, final boolean reserveMet)
    {
        sequence(auctionId, seq, "BidAccepted");
        final View v = view(auctionId, lotId);
        v.leader = leaderId;
        v.price = price;
        if (!rules.auction(auctionId).isTimed())
        {
            v.state = LotState.OPEN;
            v.ask = ask;
            v.askVersion = askVersion;
        }
        if (rules.auction(auctionId).bidder(bidderId).paddle() != paddle)
        {
            errors.append("BidAccepted with paddle ").append(paddle).append(" for bidder ").append(bidderId)
                .append('\n');
        }
    }

    public void priceChanged(final long auctionId, final long seq, final long lotId, final long leaderId,
        final long price, final long ask, final boolean reserveMet)
    {
        sequence(auctionId, seq, "PriceChanged");
        final View v = view(auctionId, lotId);
        v.leader = leaderId;
        v.price = price;
    }

    public void askChanged(final long auctionId, final long seq, final long lotId, final long ask,
        final int askVersion, final long increment)
    {
        sequence(auctionId, seq, "AskChanged");
        final View v = view(auctionId, lotId);
        v.ask = ask;
        v.askVersion = askVersion;
    }

    public void fairWarningGiven(final long auctionId, final long seq, final long lotId)
    {
        sequence(auctionId, seq, "FairWarningGiven");
        view(auctionId, lotId).state = LotState.GOING;
    }

    public void endExtended(final long auctionId, final long seq, final long lotId, final long endTime,
        final int extensions)
    {
        sequence(auctionId, seq, "EndExtended");
        final View v = view(auctionId, lotId);
        v.end = endTime;
        v.extensions = extensions;
    }

    public void lotSold(final long auctionId, final long seq, final long lotId, final long bidderId,
        final long paddle, final long price, final long invoiceAmount, final int saleNumber)
    {
        sequence(auctionId, seq, "LotSold");
        final View v = view(auctionId, lotId);
        v.state = LotState.SOLD;
        v.winner = bidderId;
        v.salePrice = price;
        v.sale = saleNumber;
        final Auction auction = rules.auction(auctionId);
        final long invoice = price + (price * auction.premiumRateBps() + 5_000) / 10_000;
        if (invoiceAmount != invoice || auction.bidder(bidderId).paddle() != paddle)
        {
            errors.append("LotSold ").append(lotId).append(" invoice ").append(invoiceAmount).append(" paddle ")
                .append(paddle).append('\n');
        }
    }

    public void lotPassed(final long auctionId, final long seq, final long lotId, final PassReason reason)
    {
        sequence(auctionId, seq, "LotPassed");
        final View v = view(auctionId, lotId);
        v.state = LotState.PASSED;
        v.passReason = reason;
    }

    public void lotReopened(final long auctionId, final long seq, final long lotId, final long holderId,
        final long price, final long ask, final int askVersion)
    {
        sequence(auctionId, seq, "LotReopened");
        final View v = view(auctionId, lotId);
        v.state = LotState.OPEN;
        v.leader = holderId;
        v.price = price;
        v.ask = ask;
        v.askVersion = askVersion;
    }

    public void bidRetracted(final long auctionId, final long seq, final long lotId, final long bidderId,
        final byte[] reason, final int reasonLength)
    {
        sequence(auctionId, seq, "BidRetracted");
    }

    public void outbid(final long auctionId, final long lotId, final long bidderId, final long price)
    {
        if (bidderId == view(auctionId, lotId).leader && view(auctionId, lotId).state != LotState.SOLD)
        {
            errors.append("Outbid to the leader ").append(bidderId).append(" of lot ").append(lotId).append('\n');
        }
    }

    public void lotWon(final long auctionId, final long lotId, final long bidderId, final long price,
        final long invoiceAmount)
    {
        final View v = view(auctionId, lotId);
        if (v.state != LotState.SOLD || v.winner != bidderId || v.salePrice != price)
        {
            errors.append("LotWon ").append(lotId).append(" by ").append(bidderId).append(" unlike LotSold\n");
        }
    }

    public void saleSettled(final long auctionId, final long lotId, final long bidderId, final PaymentResult result,
        final int saleNumber, final int strikes)
    {
        final View v = view(auctionId, lotId);
        final Bidder bidder = rules.auction(auctionId).bidder(bidderId);
        if (v.winner != bidderId || v.sale != saleNumber || bidder.strikes() != strikes)
        {
            errors.append("SaleSettled ").append(lotId).append(" by ").append(bidderId).append(" sale ")
                .append(saleNumber).append(" strikes ").append(strikes).append('\n');
        }
    }

    public void lotStatus(final long correlationId, final long auctionId, final long eventSequence, final long lotId,
        final LotState state, final long leaderId, final long price, final long ask, final int askVersion,
        final boolean reserveMet, final long endTime, final long leaderPaddle)
    {
    }

    public void bidderStatus(final long correlationId, final long auctionId, final long bidderId, final long paddle,
        final long limit, final long exposure, final boolean approved, final boolean suspended, final int strikes)
    {
    }
}
