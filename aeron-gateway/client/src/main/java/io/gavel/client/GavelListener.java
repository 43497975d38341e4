package io.gavel.client;

import io.gavel.sbe.*;
import org.agrona.DirectBuffer;

/**
 * Typed callbacks of a {@link GavelClient}. Decoders are flyweights over the received frame: read them during the
 * call, copy what you keep. Every method has an empty default, so a listener overrides only what it needs.
 */
public interface GavelListener
{
    /** The engine's answer to one of this client's commands, by correlation id. */
    default void onResponse(final long correlationId, final boolean accepted, final RejectReason reason,
        final long engineSequence, final boolean duplicate)
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

    /** Private: someone else now leads a lot this client's bidder led. */
    default void onOutbid(final OutbidDecoder event)
    {
    }

    /** Private: this client's bidder won a lot. */
    default void onLotWon(final LotWonDecoder event)
    {
    }

    default void onSaleSettled(final SaleSettledDecoder event)
    {
    }

    /** Private: one lot's state, in answer to {@link GavelClient#requestAuctionStatus}. */
    default void onLotStatus(final LotStatusDecoder event)
    {
    }

    /**
     * Every public event frame, raw, before its typed callback: for recorders and gap detection (each carries the
     * auction's event sequence).
     */
    default void onPublicFrame(final int templateId, final DirectBuffer buffer, final int offset, final int length)
    {
    }
}
