package io.gavel.replay.text;

import io.gavel.sbe.*;
import org.agrona.DirectBuffer;

/**
 * Renders a command frame as one line, {@code <scenario-command> key=value ...}, in the words of the scenario format
 * where one exists, so an auditor reads a journal the way a house writes a rehearsal.
 */
public final class CommandText
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final ConnectDecoder connect = new ConnectDecoder();
    private final HeartbeatDecoder heartbeat = new HeartbeatDecoder();
    private final DisconnectDecoder disconnect = new DisconnectDecoder();
    private final TakeSnapshotDecoder takeSnapshot = new TakeSnapshotDecoder();
    private final CreateAuctionDecoder createAuction = new CreateAuctionDecoder();
    private final AddLotDecoder addLot = new AddLotDecoder();
    private final OpenLotDecoder openLot = new OpenLotDecoder();
    private final FairWarningDecoder fairWarning = new FairWarningDecoder();
    private final HammerDecoder hammer = new HammerDecoder();
    private final ReopenDecoder reopen = new ReopenDecoder();
    private final SetIncrementDecoder setIncrement = new SetIncrementDecoder();
    private final JumpAskDecoder jumpAsk = new JumpAskDecoder();
    private final WithdrawLotDecoder withdrawLot = new WithdrawLotDecoder();
    private final CancelAuctionDecoder cancelAuction = new CancelAuctionDecoder();
    private final RequestAuctionStatusDecoder auctionStatus = new RequestAuctionStatusDecoder();
    private final RequestBidderStatusDecoder bidderStatus = new RequestBidderStatusDecoder();
    private final RegisterBidderDecoder registerBidder = new RegisterBidderDecoder();
    private final ApproveBidderDecoder approveBidder = new ApproveBidderDecoder();
    private final SuspendBidderDecoder suspendBidder = new SuspendBidderDecoder();
    private final AssignClerkDecoder assignClerk = new AssignClerkDecoder();
    private final MaxBidDecoder maxBid = new MaxBidDecoder();
    private final LiveBidDecoder liveBid = new LiveBidDecoder();
    private final FloorBidDecoder floorBid = new FloorBidDecoder();
    private final BuyNowDecoder buyNow = new BuyNowDecoder();
    private final RetractDecoder retract = new RetractDecoder();
    private final SettlementResultDecoder settlement = new SettlementResultDecoder();
    private final TickDecoder tick = new TickDecoder();
    private StringBuilder out;
    private long auctionId;
    private long lotId;

    /** The auction the command formatted last names, or 0 for commands that name none (tick, session). */
    public long auctionId()
    {
        return auctionId;
    }

    /** The lot the command formatted last names, or 0. */
    public long lotId()
    {
        return lotId;
    }

    /** Appends the command's line (no newline); false for a frame that is not a known command. */
    public boolean format(final DirectBuffer buffer, final int offset, final int length, final StringBuilder out)
    {
        this.out = out;
        auctionId = 0;
        lotId = 0;
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return false;
        }
        header.wrap(buffer, offset);
        switch (header.templateId())
        {
            case ConnectDecoder.TEMPLATE_ID:
                connect.wrapAndApplyHeader(buffer, offset, header);
                name("connect").num("correlation", connect.correlationId());
                return true;
            case HeartbeatDecoder.TEMPLATE_ID:
                heartbeat.wrapAndApplyHeader(buffer, offset, header);
                name("heartbeat").num("correlation", heartbeat.correlationId());
                return true;
            case DisconnectDecoder.TEMPLATE_ID:
                disconnect.wrapAndApplyHeader(buffer, offset, header);
                name("disconnect").num("correlation", disconnect.correlationId());
                return true;
            case TakeSnapshotDecoder.TEMPLATE_ID:
                takeSnapshot.wrapAndApplyHeader(buffer, offset, header);
                name("take-snapshot").num("correlation", takeSnapshot.correlationId());
                return true;
            case CreateAuctionDecoder.TEMPLATE_ID:
                createAuction.wrapAndApplyHeader(buffer, offset, header);
                name("create-auction").num("auction", createAuction.auctionId())
                    .text("format", createAuction.format())
                    .text("currency", createAuction.currency())
                    .text("premium-bps", createAuction.premiumRateBps()).text("tie", createAuction.tiePolicy())
                    .text("retraction", createAuction.retractionPolicy() == RetractionPolicy.NULL_VAL ? "default" :
                    createAuction.retractionPolicy());
                if (createAuction.softClose() == BooleanType.TRUE)
                {
                    out.append(" softclose=");
                    Amounts.seconds(out, createAuction.softCloseWindowNanos());
                    out.append('/');
                    Amounts.seconds(out, createAuction.softCloseExtensionNanos());
                }
                return true;
            case AddLotDecoder.TEMPLATE_ID:
                addLot.wrapAndApplyHeader(buffer, offset, header);
                name("add-lot").num("auction", addLot.auctionId()).num("lot", addLot.lotId())
                    .money("start", addLot.startPrice()).money("reserve", addLot.reserve())
                    .money("buy-now", addLot.buyNowPrice()).num("end-nanos", addLot.endTime());
                return true;
            case OpenLotDecoder.TEMPLATE_ID:
                openLot.wrapAndApplyHeader(buffer, offset, header);
                return lot("open-lot", openLot.auctionId(), openLot.lotId());
            case FairWarningDecoder.TEMPLATE_ID:
                fairWarning.wrapAndApplyHeader(buffer, offset, header);
                return lot("fair-warning", fairWarning.auctionId(), fairWarning.lotId());
            case HammerDecoder.TEMPLATE_ID:
                hammer.wrapAndApplyHeader(buffer, offset, header);
                return lot("hammer", hammer.auctionId(), hammer.lotId());
            case ReopenDecoder.TEMPLATE_ID:
                reopen.wrapAndApplyHeader(buffer, offset, header);
                return lot("reopen", reopen.auctionId(), reopen.lotId());
            case WithdrawLotDecoder.TEMPLATE_ID:
                withdrawLot.wrapAndApplyHeader(buffer, offset, header);
                return lot("withdraw-lot", withdrawLot.auctionId(), withdrawLot.lotId());
            case SetIncrementDecoder.TEMPLATE_ID:
                setIncrement.wrapAndApplyHeader(buffer, offset, header);
                lot("set-increment", setIncrement.auctionId(), setIncrement.lotId());
                money("increment", setIncrement.increment());
                return true;
            case JumpAskDecoder.TEMPLATE_ID:
                jumpAsk.wrapAndApplyHeader(buffer, offset, header);
                lot("jump-ask", jumpAsk.auctionId(), jumpAsk.lotId());
                money("ask", jumpAsk.ask());
                return true;
            case CancelAuctionDecoder.TEMPLATE_ID:
                cancelAuction.wrapAndApplyHeader(buffer, offset, header);
                name("cancel-auction").num("auction", cancelAuction.auctionId());
                return true;
            case RequestAuctionStatusDecoder.TEMPLATE_ID:
                auctionStatus.wrapAndApplyHeader(buffer, offset, header);
                name("auction-status").num("auction", auctionStatus.auctionId());
                return true;
            case RequestBidderStatusDecoder.TEMPLATE_ID:
                bidderStatus.wrapAndApplyHeader(buffer, offset, header);
                name("bidder-status").num("auction", bidderStatus.auctionId()).num("bidder", bidderStatus.bidderId());
                return true;
            case RegisterBidderDecoder.TEMPLATE_ID:
                registerBidder.wrapAndApplyHeader(buffer, offset, header);
                name("register").num("auction", registerBidder.auctionId()).num("bidder", registerBidder.bidderId())
                    .num("paddle", registerBidder.paddle());
                if (registerBidder.biddingLimit() != 0)
                {
                    money("limit", registerBidder.biddingLimit());
                }
                if (!registerBidder.paymentMethod().trim().isEmpty())
                {
                    text("payment-method", registerBidder.paymentMethod().trim());
                }
                return true;
            case ApproveBidderDecoder.TEMPLATE_ID:
                approveBidder.wrapAndApplyHeader(buffer, offset, header);
                name("approve").num("auction", approveBidder.auctionId()).num("bidder", approveBidder.bidderId());
                return true;
            case SuspendBidderDecoder.TEMPLATE_ID:
                suspendBidder.wrapAndApplyHeader(buffer, offset, header);
                name("suspend").num("auction", suspendBidder.auctionId()).num("bidder", suspendBidder.bidderId());
                if (!suspendBidder.reason().trim().isEmpty())
                {
                    text("reason", suspendBidder.reason().trim());
                }
                return true;
            case AssignClerkDecoder.TEMPLATE_ID:
                assignClerk.wrapAndApplyHeader(buffer, offset, header);
                name("assign-clerk").num("auction", assignClerk.auctionId()).num("clerk", assignClerk.clerkId())
                    .num("assign", assignClerk.assignRaw());
                return true;
            case MaxBidDecoder.TEMPLATE_ID:
                maxBid.wrapAndApplyHeader(buffer, offset, header);
                lot("max-bid", maxBid.auctionId(), maxBid.lotId());
                num("bidder", maxBid.bidderId()).money("max", maxBid.maxAmount());
                return true;
            case LiveBidDecoder.TEMPLATE_ID:
                liveBid.wrapAndApplyHeader(buffer, offset, header);
                lot("bid", liveBid.auctionId(), liveBid.lotId());
                num("bidder", liveBid.bidderId()).money("amount", liveBid.amount())
                    .num("ask-version", liveBid.askVersion());
                return true;
            case FloorBidDecoder.TEMPLATE_ID:
                floorBid.wrapAndApplyHeader(buffer, offset, header);
                lot("floor-bid", floorBid.auctionId(), floorBid.lotId());
                num("paddle", floorBid.paddle()).money("amount", floorBid.amount())
                    .num("ask-version", floorBid.askVersion());
                return true;
            case BuyNowDecoder.TEMPLATE_ID:
                buyNow.wrapAndApplyHeader(buffer, offset, header);
                lot("buy-now", buyNow.auctionId(), buyNow.lotId());
                num("bidder", buyNow.bidderId());
                return true;
            case RetractDecoder.TEMPLATE_ID:
                retract.wrapAndApplyHeader(buffer, offset, header);
                lot("retract", retract.auctionId(), retract.lotId());
                num("bidder", retract.bidderId()).text("reason", retract.reason().trim());
                return true;
            case SettlementResultDecoder.TEMPLATE_ID:
                settlement.wrapAndApplyHeader(buffer, offset, header);
                lot("payment", settlement.auctionId(), settlement.lotId());
                text("result", settlement.result());
                return true;
            case TickDecoder.TEMPLATE_ID:
                tick.wrapAndApplyHeader(buffer, offset, header);
                name("tick");
                return true;
            default:
                return false;
        }
    }

    private boolean lot(final String name, final long auction, final long lot)
    {
        name(name).num("auction", auction).num("lot", lot);
        return true;
    }

    private CommandText name(final String name)
    {
        out.append(name);
        return this;
    }

    private CommandText num(final String key, final long value)
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

    private CommandText text(final String key, final Object value)
    {
        out.append(' ').append(key).append('=').append(value);
        return this;
    }

    private CommandText money(final String key, final long cents)
    {
        out.append(' ').append(key).append('=');
        Amounts.money(out, cents);
        return this;
    }
}
