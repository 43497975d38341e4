package io.gavel.client;

import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.gavel.sbe.*;
import org.agrona.DirectBuffer;

/**
 * Decodes received frames (public or private) into typed {@link GavelListener} callbacks, skipping frames of other
 * schemas or newer versions it cannot read.
 */
final class EventDispatcher implements FragmentHandler
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
    private final ResponseTracker responses;
    private GavelListener listener;

    EventDispatcher(final GavelListener listener, final ResponseTracker responses)
    {
        this.listener = listener;
        this.responses = responses;
    }

    void listener(final GavelListener listener)
    {
        this.listener = listener;
    }

    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header aeronHeader)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return;
        }
        header.wrap(buffer, offset);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID || header.version() > MessageHeaderDecoder.SCHEMA_VERSION)
        {
            return;
        }
        final int templateId = header.templateId();
        switch (templateId)
        {
            case CommandAcceptedDecoder.TEMPLATE_ID:
                accepted.wrapAndApplyHeader(buffer, offset, header);
                responses.record(accepted.correlationId(), true, null, accepted.engineSequence(),
                    accepted.duplicate() == BooleanType.TRUE);
                listener.onResponse(accepted.correlationId(), true, null, accepted.engineSequence(),
                    accepted.duplicate() == BooleanType.TRUE);
                return;
            case CommandRejectedDecoder.TEMPLATE_ID:
                rejected.wrapAndApplyHeader(buffer, offset, header);
                responses.record(rejected.correlationId(), false, rejected.reason(), rejected.engineSequence(),
                    rejected.duplicate() == BooleanType.TRUE);
                listener.onResponse(rejected.correlationId(), false, rejected.reason(), rejected.engineSequence(),
                    rejected.duplicate() == BooleanType.TRUE);
                return;
            case OutbidDecoder.TEMPLATE_ID:
                listener.onOutbid(outbid.wrapAndApplyHeader(buffer, offset, header));
                return;
            case LotWonDecoder.TEMPLATE_ID:
                listener.onLotWon(lotWon.wrapAndApplyHeader(buffer, offset, header));
                return;
            case SaleSettledDecoder.TEMPLATE_ID:
                listener.onSaleSettled(saleSettled.wrapAndApplyHeader(buffer, offset, header));
                return;
            case LotStatusDecoder.TEMPLATE_ID:
                listener.onLotStatus(lotStatus.wrapAndApplyHeader(buffer, offset, header));
                return;
            default:
                break;
        }
        listener.onPublicFrame(templateId, buffer, offset, length);
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
                break;
        }
    }
}
