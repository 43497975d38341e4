package io.gavel.replay.text;

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
    private final CommandAcceptedDecoder accepted = new CommandAcceptedDecoder();
    private final CommandRejectedDecoder rejected = new CommandRejectedDecoder();
    private final AuctionCreatedDecoder auctionCreated = new AuctionCreatedDecoder();
    private final LotAddedDecoder lotAdded = new LotAddedDecoder();
    private final LotOpenedDecoder lotOpened = new LotOpenedDecoder();
    private final BidAcceptedDecoder bidAccepted = new BidAcceptedDecoder();
    private final PriceChangedDecoder priceChanged = new PriceChangedDecoder();
    private final AskChangedDecoder askChanged = new AskChangedDecoder();
    private final FairWarningGivenDecoder fairWarning = new FairWarningGivenDecoder();
    private final EndExtendedDecoder endExtended = new EndExtendedDecoder();
    private final LotSoldDecoder lotSold = new LotSoldDecoder();
    private final LotPassedDecoder lotPassed = new LotPassedDecoder();
    private final LotReopenedDecoder lotReopened = new LotReopenedDecoder();
    private final BidRetractedDecoder bidRetracted = new BidRetractedDecoder();
    private final OutbidDecoder outbid = new OutbidDecoder();
    private final LotWonDecoder lotWon = new LotWonDecoder();
    private final SaleSettledDecoder saleSettled = new SaleSettledDecoder();
    private final LotStatusDecoder lotStatus = new LotStatusDecoder();
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
        header.wrap(buffer, offset);
        switch (header.templateId())
        {
            case CommandAcceptedDecoder.TEMPLATE_ID:
                accepted.wrapAndApplyHeader(buffer, offset, header);
                name("CommandAccepted").num("correlation", accepted.correlationId())
                    .num("engine-seq", accepted.engineSequence()).bool("duplicate", accepted.duplicate());
                return true;
            case CommandRejectedDecoder.TEMPLATE_ID:
                rejected.wrapAndApplyHeader(buffer, offset, header);
                name("CommandRejected").num("correlation", rejected.correlationId())
                    .num("engine-seq", rejected.engineSequence()).text("reason", rejected.reason())
                    .bool("duplicate", rejected.duplicate());
                return true;
            case AuctionCreatedDecoder.TEMPLATE_ID:
                auctionCreated.wrapAndApplyHeader(buffer, offset, header);
                name("AuctionCreated").num("auction", auctionCreated.auctionId())
                    .num("seq", auctionCreated.eventSequence()).text("format", auctionCreated.format())
                    .text("currency", auctionCreated.currency());
                return true;
            case LotAddedDecoder.TEMPLATE_ID:
                lotAdded.wrapAndApplyHeader(buffer, offset, header);
                name("LotAdded").num("auction", lotAdded.auctionId()).num("seq", lotAdded.eventSequence())
                    .num("lot", lotAdded.lotId()).money("start", lotAdded.startPrice());
                if (lotAdded.buyNowPrice() != 0)
                {
                    money("buy-now", lotAdded.buyNowPrice());
                }
                if (lotAdded.endTime() != 0)
                {
                    time("end", lotAdded.endTime());
                }
                bool("reserve", lotAdded.hasReserve());
                return true;
            case LotOpenedDecoder.TEMPLATE_ID:
                lotOpened.wrapAndApplyHeader(buffer, offset, header);
                name("LotOpened").num("auction", lotOpened.auctionId()).num("seq", lotOpened.eventSequence())
                    .num("lot", lotOpened.lotId()).bidder("holder", lotOpened.holderId())
                    .money("price", lotOpened.price()).money("ask", lotOpened.ask())
                    .num("ask-version", lotOpened.askVersion()).bool("reserve-met", lotOpened.reserveMet());
                return true;
            case BidAcceptedDecoder.TEMPLATE_ID:
                bidAccepted.wrapAndApplyHeader(buffer, offset, header);
                name("BidAccepted").num("auction", bidAccepted.auctionId()).num("seq", bidAccepted.eventSequence())
                    .num("lot", bidAccepted.lotId()).num("bidder", bidAccepted.bidderId())
                    .num("paddle", bidAccepted.paddle()).text("source", bidAccepted.source())
                    .bidder("leader", bidAccepted.leaderId()).money("price", bidAccepted.price());
                if (bidAccepted.source() == BidSource.PROXY)
                {
                    money("minimum", bidAccepted.ask());
                }
                else if (bidAccepted.source() != BidSource.BUY_NOW)
                {
                    money("ask", bidAccepted.ask()).num("ask-version", bidAccepted.askVersion());
                }
                bool("reserve-met", bidAccepted.reserveMet());
                return true;
            case PriceChangedDecoder.TEMPLATE_ID:
                priceChanged.wrapAndApplyHeader(buffer, offset, header);
                name("PriceChanged").num("auction", priceChanged.auctionId()).num("seq", priceChanged.eventSequence())
                    .num("lot", priceChanged.lotId()).bidder("leader", priceChanged.leaderId())
                    .money("price", priceChanged.price()).money("minimum", priceChanged.ask())
                    .bool("reserve-met", priceChanged.reserveMet());
                return true;
            case AskChangedDecoder.TEMPLATE_ID:
                askChanged.wrapAndApplyHeader(buffer, offset, header);
                name("AskChanged").num("auction", askChanged.auctionId()).num("seq", askChanged.eventSequence())
                    .num("lot", askChanged.lotId()).money("ask", askChanged.ask())
                    .num("ask-version", askChanged.askVersion()).money("increment", askChanged.increment());
                return true;
            case FairWarningGivenDecoder.TEMPLATE_ID:
                fairWarning.wrapAndApplyHeader(buffer, offset, header);
                name("FairWarningGiven").num("auction", fairWarning.auctionId())
                    .num("seq", fairWarning.eventSequence()).num("lot", fairWarning.lotId());
                return true;
            case EndExtendedDecoder.TEMPLATE_ID:
                endExtended.wrapAndApplyHeader(buffer, offset, header);
                name("EndExtended").num("auction", endExtended.auctionId()).num("seq", endExtended.eventSequence())
                    .num("lot", endExtended.lotId()).time("end", endExtended.endTime())
                    .num("extensions", endExtended.extensions());
                return true;
            case LotSoldDecoder.TEMPLATE_ID:
                lotSold.wrapAndApplyHeader(buffer, offset, header);
                name("LotSold").num("auction", lotSold.auctionId()).num("seq", lotSold.eventSequence())
                    .num("lot", lotSold.lotId()).num("bidder", lotSold.bidderId()).num("paddle", lotSold.paddle())
                    .money("price", lotSold.price()).money("invoice", lotSold.invoiceAmount())
                    .num("sale", lotSold.saleNumber());
                return true;
            case LotPassedDecoder.TEMPLATE_ID:
                lotPassed.wrapAndApplyHeader(buffer, offset, header);
                name("LotPassed").num("auction", lotPassed.auctionId()).num("seq", lotPassed.eventSequence())
                    .num("lot", lotPassed.lotId()).text("reason", lotPassed.reason());
                return true;
            case LotReopenedDecoder.TEMPLATE_ID:
                lotReopened.wrapAndApplyHeader(buffer, offset, header);
                name("LotReopened").num("auction", lotReopened.auctionId()).num("seq", lotReopened.eventSequence())
                    .num("lot", lotReopened.lotId()).bidder("holder", lotReopened.holderId())
                    .money("price", lotReopened.price()).money("ask", lotReopened.ask())
                    .num("ask-version", lotReopened.askVersion());
                return true;
            case BidRetractedDecoder.TEMPLATE_ID:
                bidRetracted.wrapAndApplyHeader(buffer, offset, header);
                name("BidRetracted").num("auction", bidRetracted.auctionId())
                    .num("seq", bidRetracted.eventSequence()).num("lot", bidRetracted.lotId())
                    .num("bidder", bidRetracted.bidderId()).text("reason", bidRetracted.reason().trim());
                return true;
            case OutbidDecoder.TEMPLATE_ID:
                outbid.wrapAndApplyHeader(buffer, offset, header);
                name("Outbid").num("auction", outbid.auctionId()).num("lot", outbid.lotId())
                    .num("bidder", outbid.bidderId()).money("price", outbid.price());
                return true;
            case LotWonDecoder.TEMPLATE_ID:
                lotWon.wrapAndApplyHeader(buffer, offset, header);
                name("LotWon").num("auction", lotWon.auctionId()).num("lot", lotWon.lotId())
                    .num("bidder", lotWon.bidderId()).money("price", lotWon.price())
                    .money("invoice", lotWon.invoiceAmount());
                return true;
            case SaleSettledDecoder.TEMPLATE_ID:
                saleSettled.wrapAndApplyHeader(buffer, offset, header);
                name("SaleSettled").num("auction", saleSettled.auctionId()).num("lot", saleSettled.lotId())
                    .num("bidder", saleSettled.bidderId()).text("result", saleSettled.result())
                    .num("sale", saleSettled.saleNumber()).num("strikes", saleSettled.strikes());
                return true;
            case LotStatusDecoder.TEMPLATE_ID:
                lotStatus.wrapAndApplyHeader(buffer, offset, header);
                name("LotStatus").num("auction", lotStatus.auctionId()).num("lot", lotStatus.lotId())
                    .text("state", lotStatus.state()).bidder("leader", lotStatus.leaderId())
                    .money("price", lotStatus.price()).money("ask", lotStatus.ask())
                    .num("ask-version", lotStatus.askVersion()).bool("reserve-met", lotStatus.reserveMet());
                return true;
            default:
                return false;
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
