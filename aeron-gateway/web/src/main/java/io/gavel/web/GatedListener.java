package io.gavel.web;

import io.gavel.client.GavelListener;
import io.gavel.sbe.BidderStatusDecoder;
import io.gavel.sbe.LotStatusDecoder;
import io.gavel.sbe.LotWonDecoder;
import io.gavel.sbe.OutbidDecoder;
import io.gavel.sbe.RejectReason;
import io.gavel.sbe.SaleSettledDecoder;
import org.agrona.DirectBuffer;

/**
 * A session's listener while another thread opens it: it passes nothing on until the edge thread adopts the session
 * and names its listener. What the opening thread reads meanwhile (the connect's own answer) must not reach state
 * that only the edge thread may touch. Forwards what the edge's listeners hear: answers, lot status, public events
 * and private notices.
 */
final class GatedListener implements GavelListener
{
    private static final GavelListener NOBODY = new GavelListener()
    {
    };

    private volatile GavelListener target = NOBODY;

    /** Edge thread, when it takes the session: from now on {@code listener} hears everything. */
    void adopt(final GavelListener listener)
    {
        target = listener;
    }

    public void onResponse(final long correlationId, final boolean accepted, final RejectReason reason,
        final long engineSequence, final boolean duplicate)
    {
        target.onResponse(correlationId, accepted, reason, engineSequence, duplicate);
    }

    public void onLotStatus(final LotStatusDecoder event)
    {
        target.onLotStatus(event);
    }

    public void onPublicEvent(final int templateId, final DirectBuffer buffer, final int offset, final int length)
    {
        target.onPublicEvent(templateId, buffer, offset, length);
    }

    public void onOutbid(final OutbidDecoder event)
    {
        target.onOutbid(event);
    }

    public void onLotWon(final LotWonDecoder event)
    {
        target.onLotWon(event);
    }

    public void onBidderStatus(final BidderStatusDecoder event)
    {
        target.onBidderStatus(event);
    }

    public void onSaleSettled(final SaleSettledDecoder event)
    {
        target.onSaleSettled(event);
    }
}
