package io.gavel.core.rules;

import io.gavel.sbe.BidSource;
import io.gavel.sbe.Format;
import io.gavel.sbe.LotState;
import io.gavel.sbe.PassReason;
import io.gavel.sbe.PaymentResult;

/**
 * Where the rules put what happened, as plain values. The engine's writer encodes these as SBE events; tests and
 * tools may listen directly. Public lot events carry the auction's event sequence; private notices do not.
 */
public interface EventSink
{
    /** The paddle a status answer gives when no one leads: the wire's null value for LotStatus.leaderPaddle. */
    long NO_PADDLE = Long.MIN_VALUE;

    void auctionCreated(long auctionId, long eventSequence, Format format, String currency);

    void lotAdded(long auctionId, long eventSequence, long lotId, long startPrice, long buyNowPrice, long endTime,
        boolean hasReserve);

    void lotOpened(long auctionId, long eventSequence, long lotId, long holderId, long price, long ask, int askVersion,
        boolean reserveMet);

    void bidAccepted(long auctionId, long eventSequence, long lotId, long bidderId, long paddle, BidSource source,
        long leaderId, long price, long ask, int askVersion, boolean reserveMet);

    void priceChanged(long auctionId, long eventSequence, long lotId, long leaderId, long price, long ask,
        boolean reserveMet);

    void askChanged(long auctionId, long eventSequence, long lotId, long ask, int askVersion, long increment);

    void fairWarningGiven(long auctionId, long eventSequence, long lotId);

    void endExtended(long auctionId, long eventSequence, long lotId, long endTime, int extensions);

    void lotSold(long auctionId, long eventSequence, long lotId, long bidderId, long paddle, long price,
        long invoiceAmount, int saleNumber);

    void lotPassed(long auctionId, long eventSequence, long lotId, PassReason reason);

    void lotReopened(long auctionId, long eventSequence, long lotId, long holderId, long price, long ask,
        int askVersion);

    /** {@code reason} holds {@code reasonLength} ASCII bytes; valid only during the call. */
    void bidRetracted(long auctionId, long eventSequence, long lotId, long bidderId, byte[] reason, int reasonLength);

    void outbid(long auctionId, long lotId, long bidderId, long price);

    void lotWon(long auctionId, long lotId, long bidderId, long price, long invoiceAmount);

    void saleSettled(long auctionId, long lotId, long bidderId, PaymentResult result, int saleNumber, int strikes);

    /** {@code leaderPaddle} is {@link #NO_PADDLE} when no one leads (or won). */
    void lotStatus(long correlationId, long auctionId, long eventSequence, long lotId, LotState state, long leaderId,
        long price, long ask, int askVersion, boolean reserveMet, long endTime, long leaderPaddle);

    /** {@code limit} is 0 when the bidder has none; {@code exposure} includes the buyer's premium (RULES.md R5)
     * and is kept only for bidders with a limit (0 otherwise). */
    void bidderStatus(long correlationId, long auctionId, long bidderId, long paddle, long limit, long exposure,
        boolean approved, boolean suspended, int strikes);
}
