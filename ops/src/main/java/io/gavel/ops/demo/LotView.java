package io.gavel.ops.demo;

import io.gavel.client.GavelListener;
import io.gavel.sbe.*;

/**
 * What one participant has seen of one lot, from the public stream: ask, ask version, holder, price, state.
 */
final class LotView implements GavelListener
{
    final long auctionId;
    final long lotId;
    long ask;
    int askVersion;
    long holder;
    long price;
    boolean closed;
    long winner;
    long salePrice;
    long invoice;
    PassReason passReason;
    long end;
    int bids;

    LotView(final long auctionId, final long lotId)
    {
        this.auctionId = auctionId;
        this.lotId = lotId;
    }

    private boolean mine(final long auction, final long lot)
    {
        return auction == auctionId && lot == lotId;
    }

    public void onLotOpened(final LotOpenedDecoder e)
    {
        if (mine(e.auctionId(), e.lotId()))
        {
            ask = e.ask();
            askVersion = e.askVersion();
            holder = e.holderId();
            price = e.price();
        }
    }

    public void onBidAccepted(final BidAcceptedDecoder e)
    {
        if (mine(e.auctionId(), e.lotId()))
        {
            ask = e.ask();
            askVersion = e.askVersion();
            holder = e.leaderId();
            price = e.price();
            bids++;
        }
    }

    public void onAskChanged(final AskChangedDecoder e)
    {
        if (mine(e.auctionId(), e.lotId()))
        {
            ask = e.ask();
            askVersion = e.askVersion();
        }
    }

    public void onEndExtended(final EndExtendedDecoder e)
    {
        if (mine(e.auctionId(), e.lotId()))
        {
            end = e.endTime();
        }
    }

    public void onLotSold(final LotSoldDecoder e)
    {
        if (mine(e.auctionId(), e.lotId()))
        {
            closed = true;
            winner = e.bidderId();
            salePrice = e.price();
            invoice = e.invoiceAmount();
        }
    }

    public void onLotPassed(final LotPassedDecoder e)
    {
        if (mine(e.auctionId(), e.lotId()))
        {
            closed = true;
            passReason = e.reason();
        }
    }
}
