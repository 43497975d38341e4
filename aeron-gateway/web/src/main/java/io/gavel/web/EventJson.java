package io.gavel.web;

import io.gavel.client.AuctionMirror;
import io.gavel.sbe.*;
import org.agrona.DirectBuffer;

/**
 * Turns the engine's SBE events into the JSON the pages read. Each public event is encoded once, by the edge's one
 * Aeron thread, and the same bytes go to every socket watching its auction. Field names are short and stable
 * (docs/WEB.md lists them). Not thread-safe: the decoders are reused.
 */
final class EventJson
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final LotAddedDecoder lotAdded = new LotAddedDecoder();
    private final LotOpenedDecoder lotOpened = new LotOpenedDecoder();
    private final BidAcceptedDecoder bid = new BidAcceptedDecoder();
    private final PriceChangedDecoder priceChanged = new PriceChangedDecoder();
    private final AskChangedDecoder askChanged = new AskChangedDecoder();
    private final FairWarningGivenDecoder warning = new FairWarningGivenDecoder();
    private final EndExtendedDecoder extended = new EndExtendedDecoder();
    private final LotSoldDecoder sold = new LotSoldDecoder();
    private final LotPassedDecoder passed = new LotPassedDecoder();
    private final LotReopenedDecoder reopened = new LotReopenedDecoder();
    private final BidRetractedDecoder retracted = new BidRetractedDecoder();
    private final AuctionCreatedDecoder created = new AuctionCreatedDecoder();

    /** The JSON of one public event frame, or null for one the pages do not show. */
    String publicEvent(final DirectBuffer buffer, final int offset)
    {
        header.wrap(buffer, offset);
        final StringBuilder out = new StringBuilder(200);
        switch (header.templateId())
        {
            case AuctionCreatedDecoder.TEMPLATE_ID:
                created.wrapAndApplyHeader(buffer, offset, header);
                head(out, "auction", created.auctionId(), created.eventSequence(), 0)
                    .append(",\"format\":\"").append(created.format()).append("\"");
                break;
            case LotAddedDecoder.TEMPLATE_ID:
                lotAdded.wrapAndApplyHeader(buffer, offset, header);
                head(out, "lotAdded", lotAdded.auctionId(), lotAdded.eventSequence(), lotAdded.lotId())
                    .append(",\"start\":").append(lotAdded.startPrice())
                    .append(",\"endTime\":").append(lotAdded.endTime() / 1_000_000L);
                break;
            case LotOpenedDecoder.TEMPLATE_ID:
                lotOpened.wrapAndApplyHeader(buffer, offset, header);
                head(out, "opened", lotOpened.auctionId(), lotOpened.eventSequence(), lotOpened.lotId())
                    .append(",\"leader\":").append(lotOpened.holderId())
                    .append(",\"price\":").append(lotOpened.price())
                    .append(",\"ask\":").append(lotOpened.ask())
                    .append(",\"askVersion\":").append(lotOpened.askVersion());
                break;
            case BidAcceptedDecoder.TEMPLATE_ID:
                bid.wrapAndApplyHeader(buffer, offset, header);
                head(out, "bid", bid.auctionId(), bid.eventSequence(), bid.lotId())
                    .append(",\"bidder\":").append(bid.bidderId())
                    .append(",\"paddle\":").append(bid.paddle())
                    .append(",\"source\":\"").append(bid.source()).append('"')
                    .append(",\"leader\":").append(bid.leaderId())
                    .append(",\"price\":").append(bid.price())
                    .append(",\"ask\":").append(bid.ask())
                    .append(",\"askVersion\":").append(bid.askVersion())
                    .append(",\"reserveMet\":").append(bid.reserveMet() == BooleanType.TRUE);
                break;
            case PriceChangedDecoder.TEMPLATE_ID:
                priceChanged.wrapAndApplyHeader(buffer, offset, header);
                head(out, "price", priceChanged.auctionId(), priceChanged.eventSequence(), priceChanged.lotId())
                    .append(",\"leader\":").append(priceChanged.leaderId())
                    .append(",\"price\":").append(priceChanged.price())
                    .append(",\"ask\":").append(priceChanged.ask());
                break;
            case AskChangedDecoder.TEMPLATE_ID:
                askChanged.wrapAndApplyHeader(buffer, offset, header);
                head(out, "ask", askChanged.auctionId(), askChanged.eventSequence(), askChanged.lotId())
                    .append(",\"ask\":").append(askChanged.ask())
                    .append(",\"askVersion\":").append(askChanged.askVersion())
                    .append(",\"increment\":").append(askChanged.increment());
                break;
            case FairWarningGivenDecoder.TEMPLATE_ID:
                warning.wrapAndApplyHeader(buffer, offset, header);
                head(out, "warning", warning.auctionId(), warning.eventSequence(), warning.lotId());
                break;
            case EndExtendedDecoder.TEMPLATE_ID:
                extended.wrapAndApplyHeader(buffer, offset, header);
                head(out, "extended", extended.auctionId(), extended.eventSequence(), extended.lotId())
                    .append(",\"endTime\":").append(extended.endTime() / 1_000_000L)
                    .append(",\"extensions\":").append(extended.extensions());
                break;
            case LotSoldDecoder.TEMPLATE_ID:
                sold.wrapAndApplyHeader(buffer, offset, header);
                head(out, "sold", sold.auctionId(), sold.eventSequence(), sold.lotId())
                    .append(",\"bidder\":").append(sold.bidderId())
                    .append(",\"paddle\":").append(sold.paddle())
                    .append(",\"price\":").append(sold.price());
                break;
            case LotPassedDecoder.TEMPLATE_ID:
                passed.wrapAndApplyHeader(buffer, offset, header);
                head(out, "passed", passed.auctionId(), passed.eventSequence(), passed.lotId())
                    .append(",\"reason\":\"").append(passed.reason()).append('"');
                break;
            case LotReopenedDecoder.TEMPLATE_ID:
                reopened.wrapAndApplyHeader(buffer, offset, header);
                head(out, "reopened", reopened.auctionId(), reopened.eventSequence(), reopened.lotId())
                    .append(",\"leader\":").append(reopened.holderId())
                    .append(",\"price\":").append(reopened.price())
                    .append(",\"ask\":").append(reopened.ask())
                    .append(",\"askVersion\":").append(reopened.askVersion());
                break;
            case BidRetractedDecoder.TEMPLATE_ID:
                retracted.wrapAndApplyHeader(buffer, offset, header);
                head(out, "retracted", retracted.auctionId(), retracted.eventSequence(), retracted.lotId())
                    .append(",\"bidder\":").append(retracted.bidderId());
                break;
            default:
                return null;
        }
        return out.append('}').toString();
    }

    private static StringBuilder head(final StringBuilder out, final String type, final long auction,
        final long sequence, final long lot)
    {
        return out.append("{\"t\":\"").append(type).append("\",\"auction\":").append(auction)
            .append(",\"seq\":").append(sequence).append(",\"lot\":").append(lot);
    }

    /** A private notice for one bidder's sockets: outbid or won. */
    static String notice(final String type, final long auction, final long lot, final long bidder, final long price)
    {
        return "{\"t\":\"" + type + "\",\"auction\":" + auction + ",\"lot\":" + lot + ",\"bidder\":" + bidder +
            ",\"price\":" + price + "}";
    }

    /** One lot of a snapshot, as the edge's mirror of the auction holds it. */
    static void lot(final StringBuilder out, final AuctionMirror.LotView lot)
    {
        out.append("{\"lot\":").append(lot.lotId())
            .append(",\"state\":\"").append(lot.state()).append('"')
            .append(",\"leader\":").append(lot.leaderId())
            .append(",\"price\":").append(lot.price())
            .append(",\"ask\":").append(lot.ask())
            .append(",\"askVersion\":").append(lot.askVersion())
            .append(",\"reserveMet\":").append(lot.reserveMet())
            .append(",\"endTime\":").append(lot.endTime() / 1_000_000L)
            .append('}');
    }

    /** A JSON string literal. */
    static String quote(final String text)
    {
        final StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c == '"' || c == '\\')
            {
                out.append('\\').append(c);
            }
            else if (c < 0x20 || c == '<' || c == '>' || c == '&')
            {
                out.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
