package io.gavel.protocol;

import io.gavel.sbe.*;

/**
 * The command templates a client may send, with the block length each needs. Events are not commands.
 */
public final class CommandTemplates
{
    private CommandTemplates()
    {
    }

    /** The template's v1 block length, or -1 when it is not a command. */
    public static int blockLength(final int templateId)
    {
        switch (templateId)
        {
            case ConnectDecoder.TEMPLATE_ID: return ConnectDecoder.BLOCK_LENGTH;
            case HeartbeatDecoder.TEMPLATE_ID: return HeartbeatDecoder.BLOCK_LENGTH;
            case DisconnectDecoder.TEMPLATE_ID: return DisconnectDecoder.BLOCK_LENGTH;
            case CreateAuctionDecoder.TEMPLATE_ID: return CreateAuctionDecoder.BLOCK_LENGTH;
            case AddLotDecoder.TEMPLATE_ID: return AddLotDecoder.BLOCK_LENGTH;
            case OpenLotDecoder.TEMPLATE_ID: return OpenLotDecoder.BLOCK_LENGTH;
            case FairWarningDecoder.TEMPLATE_ID: return FairWarningDecoder.BLOCK_LENGTH;
            case HammerDecoder.TEMPLATE_ID: return HammerDecoder.BLOCK_LENGTH;
            case ReopenDecoder.TEMPLATE_ID: return ReopenDecoder.BLOCK_LENGTH;
            case SetIncrementDecoder.TEMPLATE_ID: return SetIncrementDecoder.BLOCK_LENGTH;
            case JumpAskDecoder.TEMPLATE_ID: return JumpAskDecoder.BLOCK_LENGTH;
            case WithdrawLotDecoder.TEMPLATE_ID: return WithdrawLotDecoder.BLOCK_LENGTH;
            case CancelAuctionDecoder.TEMPLATE_ID: return CancelAuctionDecoder.BLOCK_LENGTH;
            case RequestAuctionStatusDecoder.TEMPLATE_ID: return RequestAuctionStatusDecoder.BLOCK_LENGTH;
            case RequestBidderStatusDecoder.TEMPLATE_ID: return RequestBidderStatusDecoder.BLOCK_LENGTH;
            // v2 appended a field: a v1 frame (without it) is still whole.
            case RegisterBidderDecoder.TEMPLATE_ID: return RegisterBidderDecoder.paymentMethodEncodingOffset();
            case ApproveBidderDecoder.TEMPLATE_ID: return ApproveBidderDecoder.BLOCK_LENGTH;
            case SuspendBidderDecoder.TEMPLATE_ID: return SuspendBidderDecoder.reasonEncodingOffset();
            case MaxBidDecoder.TEMPLATE_ID: return MaxBidDecoder.BLOCK_LENGTH;
            case LiveBidDecoder.TEMPLATE_ID: return LiveBidDecoder.BLOCK_LENGTH;
            case FloorBidDecoder.TEMPLATE_ID: return FloorBidDecoder.BLOCK_LENGTH;
            case BuyNowDecoder.TEMPLATE_ID: return BuyNowDecoder.BLOCK_LENGTH;
            case RetractDecoder.TEMPLATE_ID: return RetractDecoder.BLOCK_LENGTH;
            case SettlementResultDecoder.TEMPLATE_ID: return SettlementResultDecoder.BLOCK_LENGTH;
            case TickDecoder.TEMPLATE_ID: return TickDecoder.BLOCK_LENGTH;
            case TakeSnapshotDecoder.TEMPLATE_ID: return TakeSnapshotDecoder.BLOCK_LENGTH;
            case AssignClerkDecoder.TEMPLATE_ID: return AssignClerkDecoder.BLOCK_LENGTH;
            default: return -1;
        }
    }

    /** Session templates are the gateway's business; the core ignores them. */
    public static boolean isSession(final int templateId)
    {
        return templateId == ConnectDecoder.TEMPLATE_ID || templateId == HeartbeatDecoder.TEMPLATE_ID ||
            templateId == DisconnectDecoder.TEMPLATE_ID;
    }
}
