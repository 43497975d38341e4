package io.gavel.protocol;

import io.gavel.sbe.*;
import org.agrona.DirectBuffer;

/**
 * The one place the engine's event frames are decoded: checks the header, wraps the template's flyweight and calls
 * the {@link EventListener}. Used by the client SDK, the engine's egress, the journal tools and the demo, so a new
 * event template is added here once. Allocation-free; one instance per thread.
 * <p>
 * Frames of a newer schema version are read by their block length (fields this build does not know are skipped,
 * VERSIONING.md); frames of another schema, version 0, or shorter than their header and block are not decoded.
 */
public final class EventDecoder
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final CommandAcceptedDecoder accepted = new CommandAcceptedDecoder();
    private final CommandRejectedDecoder rejected = new CommandRejectedDecoder();
    private final OutbidDecoder outbid = new OutbidDecoder();
    private final LotWonDecoder lotWon = new LotWonDecoder();
    private final SaleSettledDecoder saleSettled = new SaleSettledDecoder();
    private final LotStatusDecoder lotStatus = new LotStatusDecoder();
    private final BidderStatusDecoder bidderStatus = new BidderStatusDecoder();
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

    /**
     * Decodes one frame into {@code listener}'s callbacks.
     *
     * @return false when the frame is not one this decoder may read (another schema, version 0, too short).
     */
    public boolean decode(final DirectBuffer buffer, final int offset, final int length, final EventListener listener)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return false;
        }
        header.wrap(buffer, offset);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID || header.version() == 0 ||
            length < MessageHeaderDecoder.ENCODED_LENGTH + header.blockLength())
        {
            return false;
        }
        final int templateId = header.templateId();
        if (EventLayout.isPublic(templateId))
        {
            listener.onPublicEvent(templateId, buffer, offset, length);
            publicEvent(templateId, buffer, offset, listener);
            return true;
        }
        switch (templateId)
        {
            case CommandAcceptedDecoder.TEMPLATE_ID:
                listener.onCommandAccepted(accepted.wrapAndApplyHeader(buffer, offset, header));
                break;
            case CommandRejectedDecoder.TEMPLATE_ID:
                listener.onCommandRejected(rejected.wrapAndApplyHeader(buffer, offset, header));
                break;
            case OutbidDecoder.TEMPLATE_ID:
                listener.onOutbid(outbid.wrapAndApplyHeader(buffer, offset, header));
                break;
            case LotWonDecoder.TEMPLATE_ID:
                listener.onLotWon(lotWon.wrapAndApplyHeader(buffer, offset, header));
                break;
            case SaleSettledDecoder.TEMPLATE_ID:
                listener.onSaleSettled(saleSettled.wrapAndApplyHeader(buffer, offset, header));
                break;
            case LotStatusDecoder.TEMPLATE_ID:
                listener.onLotStatus(lotStatus.wrapAndApplyHeader(buffer, offset, header));
                break;
            case BidderStatusDecoder.TEMPLATE_ID:
                listener.onBidderStatus(bidderStatus.wrapAndApplyHeader(buffer, offset, header));
                break;
            default:
                listener.onOtherFrame(templateId, buffer, offset, length);
                break;
        }
        return true;
    }

    /** The template id of the frame last decoded. */
    public int templateId()
    {
        return header.templateId();
    }

    private void publicEvent(final int templateId, final DirectBuffer buffer, final int offset,
        final EventListener listener)
    {
        switch (templateId)
        {
            case AuctionCreatedDecoder.TEMPLATE_ID:
                listener.onAuctionCreated(auctionCreated.wrapAndApplyHeader(buffer, offset, header));
                break;
            case LotAddedDecoder.TEMPLATE_ID:
                listener.onLotAdded(lotAdded.wrapAndApplyHeader(buffer, offset, header));
                break;
            case LotOpenedDecoder.TEMPLATE_ID:
                listener.onLotOpened(lotOpened.wrapAndApplyHeader(buffer, offset, header));
                break;
            case BidAcceptedDecoder.TEMPLATE_ID:
                listener.onBidAccepted(bidAccepted.wrapAndApplyHeader(buffer, offset, header));
                break;
            case PriceChangedDecoder.TEMPLATE_ID:
                listener.onPriceChanged(priceChanged.wrapAndApplyHeader(buffer, offset, header));
                break;
            case AskChangedDecoder.TEMPLATE_ID:
                listener.onAskChanged(askChanged.wrapAndApplyHeader(buffer, offset, header));
                break;
            case FairWarningGivenDecoder.TEMPLATE_ID:
                listener.onFairWarning(fairWarning.wrapAndApplyHeader(buffer, offset, header));
                break;
            case EndExtendedDecoder.TEMPLATE_ID:
                listener.onEndExtended(endExtended.wrapAndApplyHeader(buffer, offset, header));
                break;
            case LotSoldDecoder.TEMPLATE_ID:
                listener.onLotSold(lotSold.wrapAndApplyHeader(buffer, offset, header));
                break;
            case LotPassedDecoder.TEMPLATE_ID:
                listener.onLotPassed(lotPassed.wrapAndApplyHeader(buffer, offset, header));
                break;
            case LotReopenedDecoder.TEMPLATE_ID:
                listener.onLotReopened(lotReopened.wrapAndApplyHeader(buffer, offset, header));
                break;
            case BidRetractedDecoder.TEMPLATE_ID:
                listener.onBidRetracted(bidRetracted.wrapAndApplyHeader(buffer, offset, header));
                break;
            default:
                break; // a public template newer than this build: onPublicEvent had it
        }
    }
}
