package io.gavel.replay.text;

import io.gavel.protocol.EventDecoder;
import io.gavel.protocol.EventListener;
import io.gavel.sbe.*;
import org.agrona.DirectBuffer;

/**
 * Renders an event frame as one line, {@code <EventName> key=value ...}, named as in the SBE schema; the format the
 * scenario runner prints and other tools parse (docs/SCENARIOS.md). Money prints with two decimals; engine times
 * print as seconds since {@code timeOrigin}.
 */
public final class EventText
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final EventDecoder decoder = new EventDecoder();
    private final Lines lines = new Lines();
    private boolean known;
    private final long timeOrigin;
    private StringBuilder out;
    private long auctionId;
    private long lotId;

    public EventText(final long timeOrigin)
    {
        this.timeOrigin = timeOrigin;
    }

    public int templateId(final DirectBuffer buffer, final int offset)
    {
        return header.wrap(buffer, offset).templateId();
    }

    /** The auction the event formatted last names, or 0. */
    public long auctionId()
    {
        return auctionId;
    }

    /** The lot the event formatted last names, or 0. */
    public long lotId()
    {
        return lotId;
    }

    /** Appends the event's line (no newline); false for a frame this renderer does not know. */
    public boolean format(final DirectBuffer buffer, final int offset, final StringBuilder out)
    {
        this.out = out;
        auctionId = 0;
        lotId = 0;
        known = false;
        // Callers hand whole frames without their length; event frames are header and block only.
        header.wrap(buffer, offset);
        return decoder.decode(buffer, offset, header.encodedLength() + header.blockLength(), lines) && known;
    }

    /** One method per event: appends its line. */
    private final class Lines implements EventListener
    {
        @Override
        public void onCommandAccepted(final CommandAcceptedDecoder e)
        {
            known = true;
            name("CommandAccepted").num("correlation", e.correlationId())
                .num("engine-seq", e.engineSequence()).bool("duplicate", e.duplicate());
        }

        @Override
        public void onCommandRejected(final CommandRejectedDecoder e)
        {
            known = true;
            name("CommandRejected").num("correlation", e.correlationId())
                .num("engine-seq", e.engineSequence()).text("reason", e.reason())
                .bool("duplicate", e.duplicate());
        }

        @Override
        public void onAuctionCreated(final AuctionCreatedDecoder e)
        {
            known = true;
            name("AuctionCreated").num("auction", e.auctionId())
                .num("seq", e.eventSequence()).text("format", e.format())
                .text("currency", e.currency());
        }

        @Override
        public void onLotAdded(final LotAddedDecoder e)
        {
            known = true;
            name("LotAdded").num("auction", e.auctionId()).num("seq", e.eventSequence())
                .num("lot", e.lotId()).money("start", e.startPrice());
            if (e.buyNowPrice() != 0)
            {
                money("buy-now", e.buyNowPrice());
            }
            if (e.endTime() != 0)
            {
                time("end", e.endTime());
            }
            bool("reserve", e.hasReserve());
        }

        @Override
        public void onLotOpened(final LotOpenedDecoder e)
        {
            known = true;
            name("LotOpened").num("auction", e.auctionId()).num("seq", e.eventSequence())
                .num("lot", e.lotId()).bidder("holder", e.holderId())
                .money("price", e.price()).money("ask", e.ask())
                .num("ask-version", e.askVersion()).bool("reserve-met", e.reserveMet());
        }

        @Override
        public void onBidAccepted(final BidAcceptedDecoder e)
        {
            known = true;
            name("BidAccepted").num("auction", e.auctionId()).num("seq", e.eventSequence())
                .num("lot", e.lotId()).num("bidder", e.bidderId())
                .num("paddle", e.paddle()).text("source", e.source())
                .bidder("leader", e.leaderId()).money("price", e.price());
            if (e.source() == BidSource.PROXY)
            {
                money("minimum", e.ask());
            }
            else if (e.source() != BidSource.BUY_NOW)
            {
                money("ask", e.ask()).num("ask-version", e.askVersion());
            }
            bool("reserve-met", e.reserveMet());
        }

        @Override
        public void onPriceChanged(final PriceChangedDecoder e)
        {
            known = true;
            name("PriceChanged").num("auction", e.auctionId()).num("seq", e.eventSequence())
                .num("lot", e.lotId()).bidder("leader", e.leaderId())
                .money("price", e.price()).money("minimum", e.ask())
                .bool("reserve-met", e.reserveMet());
        }

        @Override
        public void onAskChanged(final AskChangedDecoder e)
        {
            known = true;
            name("AskChanged").num("auction", e.auctionId()).num("seq", e.eventSequence())
                .num("lot", e.lotId()).money("ask", e.ask())
                .num("ask-version", e.askVersion()).money("increment", e.increment());
        }

        @Override
        public void onFairWarning(final FairWarningGivenDecoder e)
        {
            known = true;
            name("FairWarningGiven").num("auction", e.auctionId())
                .num("seq", e.eventSequence()).num("lot", e.lotId());
        }

        @Override
        public void onEndExtended(final EndExtendedDecoder e)
        {
            known = true;
            name("EndExtended").num("auction", e.auctionId()).num("seq", e.eventSequence())
                .num("lot", e.lotId()).time("end", e.endTime())
                .num("extensions", e.extensions());
        }

        @Override
        public void onLotSold(final LotSoldDecoder e)
        {
            known = true;
            name("LotSold").num("auction", e.auctionId()).num("seq", e.eventSequence())
                .num("lot", e.lotId()).num("bidder", e.bidderId()).num("paddle", e.paddle())
                .money("price", e.price()).money("invoice", e.invoiceAmount())
                .num("sale", e.saleNumber());
        }

        @Override
        public void onLotPassed(final LotPassedDecoder e)
        {
            known = true;
            name("LotPassed").num("auction", e.auctionId()).num("seq", e.eventSequence())
                .num("lot", e.lotId()).text("reason", e.reason());
        }

        @Override
        public void onLotReopened(final LotReopenedDecoder e)
        {
            known = true;
            name("LotReopened").num("auction", e.auctionId()).num("seq", e.eventSequence())
                .num("lot", e.lotId()).bidder("holder", e.holderId())
                .money("price", e.price()).money("ask", e.ask())
                .num("ask-version", e.askVersion());
        }

        @Override
        public void onBidRetracted(final BidRetractedDecoder e)
        {
            known = true;
            name("BidRetracted").num("auction", e.auctionId())
                .num("seq", e.eventSequence()).num("lot", e.lotId())
                .num("bidder", e.bidderId()).text("reason", e.reason().trim());
        }

        @Override
        public void onOutbid(final OutbidDecoder e)
        {
            known = true;
            name("Outbid").num("auction", e.auctionId()).num("lot", e.lotId())
                .num("bidder", e.bidderId()).money("price", e.price());
        }

        @Override
        public void onLotWon(final LotWonDecoder e)
        {
            known = true;
            name("LotWon").num("auction", e.auctionId()).num("lot", e.lotId())
                .num("bidder", e.bidderId()).money("price", e.price())
                .money("invoice", e.invoiceAmount());
        }

        @Override
        public void onSaleSettled(final SaleSettledDecoder e)
        {
            known = true;
            name("SaleSettled").num("auction", e.auctionId()).num("lot", e.lotId())
                .num("bidder", e.bidderId()).text("result", e.result())
                .num("sale", e.saleNumber()).num("strikes", e.strikes());
        }

        @Override
        public void onLotStatus(final LotStatusDecoder e)
        {
            known = true;
            name("LotStatus").num("auction", e.auctionId()).num("lot", e.lotId())
                .text("state", e.state()).bidder("leader", e.leaderId()).paddle("paddle", e.leaderPaddle())
                .money("price", e.price()).money("ask", e.ask())
                .num("ask-version", e.askVersion()).bool("reserve-met", e.reserveMet());
        }

        @Override
        public void onBidderStatus(final BidderStatusDecoder e)
        {
            known = true;
            name("BidderStatus").num("auction", e.auctionId()).num("bidder", e.bidderId())
                .num("paddle", e.paddle());
            if (e.biddingLimit() == 0)
            {
                text("limit", "none");
            }
            else
            {
                money("limit", e.biddingLimit());
            }
            money("exposure", e.exposure()).bool("approved", e.approved()).bool("suspended", e.suspended())
                .num("strikes", e.strikes());
        }
    }

    private EventText name(final String name)
    {
        out.append(name);
        return this;
    }

    private EventText num(final String key, final long value)
    {
        if ("auction".equals(key))
        {
            auctionId = value;
        }
        else if ("lot".equals(key))
        {
            lotId = value;
        }
        out.append(' ').append(key).append('=').append(value);
        return this;
    }

    private EventText bidder(final String key, final long bidderId)
    {
        out.append(' ').append(key).append('=');
        if (bidderId == 0)
        {
            out.append("none");
        }
        else
        {
            out.append(bidderId);
        }
        return this;
    }

    /** A status answer's paddle: {@code none} when no one leads, or when a version 1 engine sent no paddle. */
    private EventText paddle(final String key, final long paddle)
    {
        out.append(' ').append(key).append('=');
        if (paddle == LotStatusDecoder.leaderPaddleNullValue())
        {
            out.append("none");
        }
        else
        {
            out.append(paddle);
        }
        return this;
    }

    private EventText text(final String key, final Object value)
    {
        out.append(' ').append(key).append('=').append(value);
        return this;
    }

    private EventText bool(final String key, final BooleanType value)
    {
        out.append(' ').append(key).append('=').append(value == BooleanType.TRUE);
        return this;
    }

    private EventText money(final String key, final long cents)
    {
        out.append(' ').append(key).append('=');
        Amounts.money(out, cents);
        return this;
    }

    private EventText time(final String key, final long engineTime)
    {
        out.append(' ').append(key).append('=');
        Amounts.seconds(out, engineTime - timeOrigin);
        return this;
    }
}
