package io.gavel.core;

import io.gavel.core.rules.EventSink;
import io.gavel.sbe.*;

/**
 * Encodes what the rules emit as SBE event frames into an {@link EventBuffer}. One encoder per event type,
 * allocated once and rewrapped for every frame.
 */
public final class SbeEventWriter implements EventSink
{
    private static final int MAX_EVENT_LENGTH = 128;

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final CommandAcceptedEncoder commandAccepted = new CommandAcceptedEncoder();
    private final CommandRejectedEncoder commandRejected = new CommandRejectedEncoder();
    private final AuctionCreatedEncoder auctionCreated = new AuctionCreatedEncoder();
    private final LotAddedEncoder lotAdded = new LotAddedEncoder();
    private final LotOpenedEncoder lotOpened = new LotOpenedEncoder();
    private final BidAcceptedEncoder bidAccepted = new BidAcceptedEncoder();
    private final PriceChangedEncoder priceChanged = new PriceChangedEncoder();
    private final AskChangedEncoder askChanged = new AskChangedEncoder();
    private final FairWarningGivenEncoder fairWarningGiven = new FairWarningGivenEncoder();
    private final EndExtendedEncoder endExtended = new EndExtendedEncoder();
    private final LotSoldEncoder lotSold = new LotSoldEncoder();
    private final LotPassedEncoder lotPassed = new LotPassedEncoder();
    private final LotReopenedEncoder lotReopened = new LotReopenedEncoder();
    private final BidRetractedEncoder bidRetracted = new BidRetractedEncoder();
    private final OutbidEncoder outbid = new OutbidEncoder();
    private final LotWonEncoder lotWon = new LotWonEncoder();
    private final SaleSettledEncoder saleSettled = new SaleSettledEncoder();
    private final LotStatusEncoder lotStatus = new LotStatusEncoder();
    private final BidderStatusEncoder bidderStatus = new BidderStatusEncoder();
    private final byte[] reasonBytes = new byte[BidRetractedEncoder.reasonLength()];

    private EventBuffer out;

    public void target(final EventBuffer out)
    {
        // Called for every command with the same buffer: storing a reference into an old object costs G1's
        // post-write barrier (a StoreLoad fence) even when the value does not change, so only a new one is stored.
        if (this.out != out)
        {
            this.out = out;
        }
    }

    private int claim()
    {
        return out.claim(MAX_EVENT_LENGTH);
    }

    private void commit(final int encodedLength)
    {
        out.commit(MessageHeaderEncoder.ENCODED_LENGTH + encodedLength);
    }

    private static BooleanType bool(final boolean value)
    {
        return value ? BooleanType.TRUE : BooleanType.FALSE;
    }

    public void commandAccepted(final long correlationId, final long engineSequence, final boolean duplicate)
    {
        final int offset = claim();
        commandAccepted.wrapAndApplyHeader(out.buffer(), offset, header)
            .correlationId(correlationId).engineSequence(engineSequence).duplicate(bool(duplicate));
        commit(commandAccepted.encodedLength());
    }

    public void commandRejected(
        final long correlationId, final long engineSequence, final RejectReason reason, final boolean duplicate)
    {
        commandRejected(correlationId, engineSequence, reason, duplicate, CommandRejectedEncoder.askNullValue(),
            CommandRejectedEncoder.askVersionNullValue(), CommandRejectedEncoder.minimumBidNullValue());
    }

    /** A rejection with the lot's state the command missed (schema version 2); null values where not given. */
    public void commandRejected(
        final long correlationId, final long engineSequence, final RejectReason reason, final boolean duplicate,
        final long ask, final int askVersion, final long minimumBid)
    {
        final int offset = claim();
        commandRejected.wrapAndApplyHeader(out.buffer(), offset, header)
            .correlationId(correlationId).engineSequence(engineSequence).reason(reason).duplicate(bool(duplicate))
            .ask(ask).askVersion(askVersion).minimumBid(minimumBid);
        commit(commandRejected.encodedLength());
    }

    public void auctionCreated(final long auctionId, final long eventSequence, final Format format,
        final String currency)
    {
        final int offset = claim();
        auctionCreated.wrapAndApplyHeader(out.buffer(), offset, header)
            .auctionId(auctionId).eventSequence(eventSequence).format(format).currency(currency);
        commit(auctionCreated.encodedLength());
    }

    public void lotAdded(final long auctionId, final long eventSequence, final long lotId, final long startPrice,
        final long buyNowPrice, final long endTime, final boolean hasReserve)
    {
        final int offset = claim();
        lotAdded.wrapAndApplyHeader(out.buffer(), offset, header)
            .auctionId(auctionId).eventSequence(eventSequence).lotId(lotId).startPrice(startPrice)
            .buyNowPrice(buyNowPrice).endTime(endTime).hasReserve(bool(hasReserve));
        commit(lotAdded.encodedLength());
    }

    public void lotOpened(final long auctionId, final long eventSequence, final long lotId, final long holderId,
        final long price, final long ask, final int askVersion, final boolean reserveMet)
    {
        final int offset = claim();
        lotOpened.wrapAndApplyHeader(out.buffer(), offset, header)
            .auctionId(auctionId).eventSequence(eventSequence).lotId(lotId).holderId(holderId).price(price)
            .ask(ask).askVersion(askVersion).reserveMet(bool(reserveMet));
        commit(lotOpened.encodedLength());
    }

    public void bidAccepted(final long auctionId, final long eventSequence, final long lotId, final long bidderId,
        final long paddle, final BidSource source, final long leaderId, final long price, final long ask,
        final int askVersion, final boolean reserveMet)
    {
        final int offset = claim();
        bidAccepted.wrapAndApplyHeader(out.buffer(), offset, header)
            .auctionId(auctionId).eventSequence(eventSequence).lotId(lotId).bidderId(bidderId).paddle(paddle)
            .source(source).leaderId(leaderId).price(price).ask(ask).askVersion(askVersion)
            .reserveMet(bool(reserveMet));
        commit(bidAccepted.encodedLength());
    }

    public void priceChanged(final long auctionId, final long eventSequence, final long lotId, final long leaderId,
        final long price, final long ask, final boolean reserveMet)
    {
        final int offset = claim();
        priceChanged.wrapAndApplyHeader(out.buffer(), offset, header)
            .auctionId(auctionId).eventSequence(eventSequence).lotId(lotId).leaderId(leaderId).price(price).ask(ask)
            .reserveMet(bool(reserveMet));
        commit(priceChanged.encodedLength());
    }

    public void askChanged(final long auctionId, final long eventSequence, final long lotId, final long ask,
        final int askVersion, final long increment)
    {
        final int offset = claim();
        askChanged.wrapAndApplyHeader(out.buffer(), offset, header)
            .auctionId(auctionId).eventSequence(eventSequence).lotId(lotId).ask(ask).askVersion(askVersion)
            .increment(increment);
        commit(askChanged.encodedLength());
    }

    public void fairWarningGiven(final long auctionId, final long eventSequence, final long lotId)
    {
        final int offset = claim();
        fairWarningGiven.wrapAndApplyHeader(out.buffer(), offset, header)
            .auctionId(auctionId).eventSequence(eventSequence).lotId(lotId);
        commit(fairWarningGiven.encodedLength());
    }

    public void endExtended(final long auctionId, final long eventSequence, final long lotId, final long endTime,
        final int extensions)
    {
        final int offset = claim();
        endExtended.wrapAndApplyHeader(out.buffer(), offset, header)
            .auctionId(auctionId).eventSequence(eventSequence).lotId(lotId).endTime(endTime).extensions(extensions);
        commit(endExtended.encodedLength());
    }

    public void lotSold(final long auctionId, final long eventSequence, final long lotId, final long bidderId,
        final long paddle, final long price, final long invoiceAmount, final int saleNumber)
    {
        final int offset = claim();
        lotSold.wrapAndApplyHeader(out.buffer(), offset, header)
            .auctionId(auctionId).eventSequence(eventSequence).lotId(lotId).bidderId(bidderId).paddle(paddle)
            .price(price).invoiceAmount(invoiceAmount).saleNumber(saleNumber);
        commit(lotSold.encodedLength());
    }

    public void lotPassed(final long auctionId, final long eventSequence, final long lotId, final PassReason reason)
    {
        final int offset = claim();
        lotPassed.wrapAndApplyHeader(out.buffer(), offset, header)
            .auctionId(auctionId).eventSequence(eventSequence).lotId(lotId).reason(reason);
        commit(lotPassed.encodedLength());
    }

    public void lotReopened(final long auctionId, final long eventSequence, final long lotId, final long holderId,
        final long price, final long ask, final int askVersion)
    {
        final int offset = claim();
        lotReopened.wrapAndApplyHeader(out.buffer(), offset, header)
            .auctionId(auctionId).eventSequence(eventSequence).lotId(lotId).holderId(holderId).price(price)
            .ask(ask).askVersion(askVersion);
        commit(lotReopened.encodedLength());
    }

    public void bidRetracted(final long auctionId, final long eventSequence, final long lotId, final long bidderId,
        final byte[] reason, final int reasonLength)
    {
        java.util.Arrays.fill(reasonBytes, (byte)0);
        System.arraycopy(reason, 0, reasonBytes, 0, Math.min(reasonLength, reasonBytes.length));
        final int offset = claim();
        bidRetracted.wrapAndApplyHeader(out.buffer(), offset, header)
            .auctionId(auctionId).eventSequence(eventSequence).lotId(lotId).bidderId(bidderId)
            .putReason(reasonBytes, 0);
        commit(bidRetracted.encodedLength());
    }

    public void outbid(final long auctionId, final long lotId, final long bidderId, final long price)
    {
        final int offset = claim();
        outbid.wrapAndApplyHeader(out.buffer(), offset, header)
            .auctionId(auctionId).lotId(lotId).bidderId(bidderId).price(price);
        commit(outbid.encodedLength());
    }

    public void lotWon(final long auctionId, final long lotId, final long bidderId, final long price,
        final long invoiceAmount)
    {
        final int offset = claim();
        lotWon.wrapAndApplyHeader(out.buffer(), offset, header)
            .auctionId(auctionId).lotId(lotId).bidderId(bidderId).price(price).invoiceAmount(invoiceAmount);
        commit(lotWon.encodedLength());
    }

    public void saleSettled(final long auctionId, final long lotId, final long bidderId, final PaymentResult result,
        final int saleNumber, final int strikes)
    {
        final int offset = claim();
        saleSettled.wrapAndApplyHeader(out.buffer(), offset, header)
            .auctionId(auctionId).lotId(lotId).bidderId(bidderId).result(result).saleNumber(saleNumber)
            .strikes(strikes);
        commit(saleSettled.encodedLength());
    }

    public void lotStatus(final long correlationId, final long auctionId, final long eventSequence, final long lotId,
        final LotState state, final long leaderId, final long price, final long ask, final int askVersion,
        final boolean reserveMet, final long endTime, final long leaderPaddle)
    {
        final int offset = claim();
        lotStatus.wrapAndApplyHeader(out.buffer(), offset, header)
            .correlationId(correlationId).auctionId(auctionId).eventSequence(eventSequence).lotId(lotId).state(state)
            .leaderId(leaderId).price(price).ask(ask).askVersion(askVersion).reserveMet(bool(reserveMet))
            .endTime(endTime).leaderPaddle(leaderPaddle);
        commit(lotStatus.encodedLength());
    }

    public void bidderStatus(final long correlationId, final long auctionId, final long bidderId, final long paddle,
        final long limit, final long exposure, final boolean approved, final boolean suspended, final int strikes)
    {
        final int offset = claim();
        bidderStatus.wrapAndApplyHeader(out.buffer(), offset, header)
            .correlationId(correlationId).auctionId(auctionId).bidderId(bidderId).paddle(paddle).biddingLimit(limit)
            .exposure(exposure).approved(bool(approved)).suspended(bool(suspended)).strikes(strikes);
        commit(bidderStatus.encodedLength());
    }
}
