package io.gavel.client;

import io.gavel.sbe.*;
import org.agrona.DirectBuffer;

/**
 * Forwards every callback to several listeners, in order. The engine's answers are forwarded as
 * {@link #onCommandAccepted}/{@link #onCommandRejected}, which each listener turns into its own
 * {@link GavelListener#onResponse} unless it overrides them.
 */
public final class CompositeListener implements GavelListener
{
    private final GavelListener[] listeners;

    public CompositeListener(final GavelListener... listeners)
    {
        this.listeners = listeners.clone();
    }

    public void onResponse(final long correlationId, final boolean accepted, final RejectReason reason,
        final long engineSequence, final boolean duplicate)
    {
        for (final GavelListener listener : listeners)
        {
            listener.onResponse(correlationId, accepted, reason, engineSequence, duplicate);
        }
    }

    public void onCommandAccepted(final CommandAcceptedDecoder event)
    {
        for (final GavelListener listener : listeners)
        {
            listener.onCommandAccepted(event);
        }
    }

    public void onCommandRejected(final CommandRejectedDecoder event)
    {
        for (final GavelListener listener : listeners)
        {
            listener.onCommandRejected(event);
        }
    }

    public void onOutbid(final OutbidDecoder event)
    {
        for (final GavelListener listener : listeners)
        {
            listener.onOutbid(event);
        }
    }

    public void onLotWon(final LotWonDecoder event)
    {
        for (final GavelListener listener : listeners)
        {
            listener.onLotWon(event);
        }
    }

    public void onSaleSettled(final SaleSettledDecoder event)
    {
        for (final GavelListener listener : listeners)
        {
            listener.onSaleSettled(event);
        }
    }

    public void onLotStatus(final LotStatusDecoder event)
    {
        for (final GavelListener listener : listeners)
        {
            listener.onLotStatus(event);
        }
    }

    public void onBidderStatus(final BidderStatusDecoder event)
    {
        for (final GavelListener listener : listeners)
        {
            listener.onBidderStatus(event);
        }
    }

    public void onAuctionCreated(final AuctionCreatedDecoder event)
    {
        for (final GavelListener listener : listeners)
        {
            listener.onAuctionCreated(event);
        }
    }

    public void onLotAdded(final LotAddedDecoder event)
    {
        for (final GavelListener listener : listeners)
        {
            listener.onLotAdded(event);
        }
    }

    public void onLotOpened(final LotOpenedDecoder event)
    {
        for (final GavelListener listener : listeners)
        {
            listener.onLotOpened(event);
        }
    }

    public void onBidAccepted(final BidAcceptedDecoder event)
    {
        for (final GavelListener listener : listeners)
        {
            listener.onBidAccepted(event);
        }
    }

    public void onPriceChanged(final PriceChangedDecoder event)
    {
        for (final GavelListener listener : listeners)
        {
            listener.onPriceChanged(event);
        }
    }

    public void onAskChanged(final AskChangedDecoder event)
    {
        for (final GavelListener listener : listeners)
        {
            listener.onAskChanged(event);
        }
    }

    public void onFairWarning(final FairWarningGivenDecoder event)
    {
        for (final GavelListener listener : listeners)
        {
            listener.onFairWarning(event);
        }
    }

    public void onEndExtended(final EndExtendedDecoder event)
    {
        for (final GavelListener listener : listeners)
        {
            listener.onEndExtended(event);
        }
    }

    public void onLotSold(final LotSoldDecoder event)
    {
        for (final GavelListener listener : listeners)
        {
            listener.onLotSold(event);
        }
    }

    public void onLotPassed(final LotPassedDecoder event)
    {
        for (final GavelListener listener : listeners)
        {
            listener.onLotPassed(event);
        }
    }

    public void onLotReopened(final LotReopenedDecoder event)
    {
        for (final GavelListener listener : listeners)
        {
            listener.onLotReopened(event);
        }
    }

    public void onBidRetracted(final BidRetractedDecoder event)
    {
        for (final GavelListener listener : listeners)
        {
            listener.onBidRetracted(event);
        }
    }

    public void onPublicEvent(final int templateId, final DirectBuffer buffer, final int offset, final int length)
    {
        for (final GavelListener listener : listeners)
        {
            listener.onPublicEvent(templateId, buffer, offset, length);
        }
    }

    public void onOtherFrame(final int templateId, final DirectBuffer buffer, final int offset, final int length)
    {
        for (final GavelListener listener : listeners)
        {
            listener.onOtherFrame(templateId, buffer, offset, length);
        }
    }
}
