package io.gavel.protocol;

import io.gavel.sbe.*;
import org.agrona.DirectBuffer;

/**
 * Typed callbacks of {@link EventDecoder}, one per event template the engine sends. Decoders are flyweights over the
 * received frame: read them during the call, copy what you keep. Every method has an empty default, so a listener
 * overrides only what it needs.
 */
public interface EventListener
{
    /** Private: the engine accepted a command (or repeats an earlier acceptance, {@code duplicate}). */
    default void onCommandAccepted(final CommandAcceptedDecoder event)
    {
    }

    /** Private: the engine refused a command; since schema version 2 with the lot's ask when a bid missed it. */
    default void onCommandRejected(final CommandRejectedDecoder event)
    {
    }

    /** Private: someone else now leads a lot this bidder led. */
    default void onOutbid(final OutbidDecoder event)
    {
    }

    /** Private: this bidder won a lot. */
    default void onLotWon(final LotWonDecoder event)
    {
    }

    /** Private: the payment result of one of this bidder's purchases. */
    default void onSaleSettled(final SaleSettledDecoder event)
    {
    }

    /** Private: one lot's state, in answer to RequestAuctionStatus. */
    default void onLotStatus(final LotStatusDecoder event)
    {
    }

    /** Private: one bidder's own standing (limit, exposure, status), in answer to RequestBidderStatus. */
    default void onBidderStatus(final BidderStatusDecoder event)
    {
    }

    /**
     * Every public event frame, raw, before its typed callback: for recorders, forwarding and gap detection (each
     * carries its auction's event sequence, {@link EventLayout#eventSequence}). Also called for public templates this
     * decoder has no typed callback for (added in a newer schema version).
     */
    default void onPublicEvent(final int templateId, final DirectBuffer buffer, final int offset, final int length)
    {
    }

    default void onAuctionCreated(final AuctionCreatedDecoder event)
    {
    }

    default void onLotAdded(final LotAddedDecoder event)
    {
    }

    default void onLotOpened(final LotOpenedDecoder event)
    {
    }

    default void onBidAccepted(final BidAcceptedDecoder event)
    {
    }

    default void onPriceChanged(final PriceChangedDecoder event)
    {
    }

    default void onAskChanged(final AskChangedDecoder event)
    {
    }

    default void onFairWarning(final FairWarningGivenDecoder event)
    {
    }

    default void onEndExtended(final EndExtendedDecoder event)
    {
    }

    default void onLotSold(final LotSoldDecoder event)
    {
    }

    default void onLotPassed(final LotPassedDecoder event)
    {
    }

    default void onLotReopened(final LotReopenedDecoder event)
    {
    }

    default void onBidRetracted(final BidRetractedDecoder event)
    {
    }

    /**
     * A frame of this schema whose template has no typed callback and is not public (a command, a snapshot or
     * journal frame, or a private template newer than this decoder).
     */
    default void onOtherFrame(final int templateId, final DirectBuffer buffer, final int offset, final int length)
    {
    }
}
