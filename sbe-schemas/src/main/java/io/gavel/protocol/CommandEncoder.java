package io.gavel.protocol;

import io.gavel.sbe.*;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Encodes commands as SBE frames into one reusable buffer: the client library, the scenario runner, tests and
 * benchmarks all speak the protocol through it. Each method overwrites the buffer; {@link #length()} is the frame's
 * length.
 */
public final class CommandEncoder
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final ConnectEncoder connect = new ConnectEncoder();
    private final HeartbeatEncoder heartbeat = new HeartbeatEncoder();
    private final DisconnectEncoder disconnect = new DisconnectEncoder();
    private final CreateAuctionEncoder createAuction = new CreateAuctionEncoder();
    private final AddLotEncoder addLot = new AddLotEncoder();
    private final OpenLotEncoder openLot = new OpenLotEncoder();
    private final FairWarningEncoder fairWarning = new FairWarningEncoder();
    private final HammerEncoder hammer = new HammerEncoder();
    private final ReopenEncoder reopen = new ReopenEncoder();
    private final WithdrawLotEncoder withdrawLot = new WithdrawLotEncoder();
    private final CancelAuctionEncoder cancelAuction = new CancelAuctionEncoder();
    private final SetIncrementEncoder setIncrement = new SetIncrementEncoder();
    private final JumpAskEncoder jumpAsk = new JumpAskEncoder();
    private final AssignClerkEncoder assignClerk = new AssignClerkEncoder();
    private final RequestAuctionStatusEncoder auctionStatus = new RequestAuctionStatusEncoder();
    private final RequestBidderStatusEncoder bidderStatus = new RequestBidderStatusEncoder();
    private final RegisterBidderEncoder registerBidder = new RegisterBidderEncoder();
    private final ApproveBidderEncoder approveBidder = new ApproveBidderEncoder();
    private final SuspendBidderEncoder suspendBidder = new SuspendBidderEncoder();
    private final MaxBidEncoder maxBid = new MaxBidEncoder();
    private final LiveBidEncoder liveBid = new LiveBidEncoder();
    private final FloorBidEncoder floorBid = new FloorBidEncoder();
    private final BuyNowEncoder buyNow = new BuyNowEncoder();
    private final RetractEncoder retract = new RetractEncoder();
    private final SettlementResultEncoder settlementResult = new SettlementResultEncoder();
    private final TickEncoder tick = new TickEncoder();
    private final TakeSnapshotEncoder takeSnapshot = new TakeSnapshotEncoder();
    private final byte[] reasonBytes = new byte[RetractEncoder.reasonLength()];
    private final byte[] suspendReasonBytes = new byte[SuspendBidderEncoder.reasonLength()];
    private final byte[] paymentMethodBytes = new byte[RegisterBidderEncoder.paymentMethodLength()];
    private int length;

    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /** Length of the frame encoded last. */
    public int length()
    {
        return length;
    }

    private void done(final int bodyLength)
    {
        length = MessageHeaderEncoder.ENCODED_LENGTH + bodyLength;
    }

    public void connect(final long correlationId, final int responseStream, final String responseChannel,
        final String token)
    {
        connect.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).responseStreamId(responseStream)
            .responseChannel(responseChannel).token(token);
        done(connect.encodedLength());
    }

    public void heartbeat(final long correlationId)
    {
        heartbeat.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId);
        done(heartbeat.encodedLength());
    }

    public void disconnect(final long correlationId)
    {
        disconnect.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId);
        done(disconnect.encodedLength());
    }

    /** Bands: {@code bandCount} entries of {@code starts}/{@code increments}; 0 bands = the default table. */
    public void createAuction(
        final long correlationId, final long auctionId, final Format format, final String currency,
        final int premiumRateBps, final TiePolicy tiePolicy, final RetractionPolicy retractionPolicy,
        final boolean softClose, final long windowNanos, final long extensionNanos, final int maxExtensions,
        final long maxExtensionTotalNanos, final long[] starts, final long[] increments, final int bandCount)
    {
        createAuction.wrapAndApplyHeader(buffer, 0, header)
            .correlationId(correlationId)
            .auctionId(auctionId)
            .format(format)
            .currency(currency)
            .premiumRateBps(premiumRateBps)
            .tiePolicy(tiePolicy)
            .retractionPolicy(retractionPolicy)
            .softClose(softClose ? BooleanType.TRUE : BooleanType.FALSE)
            .softCloseWindowNanos(windowNanos)
            .softCloseExtensionNanos(extensionNanos)
            .maxExtensions(maxExtensions)
            .maxExtensionTotalNanos(maxExtensionTotalNanos);
        final CreateAuctionEncoder.IncrementsEncoder bands = createAuction.incrementsCount(bandCount);
        for (int i = 0; i < bandCount; i++)
        {
            bands.next().fromAmount(starts[i]).increment(increments[i]);
        }
        done(createAuction.encodedLength());
    }

    public void addLot(final long correlationId, final long auctionId, final long lotId, final long startPrice,
        final long reserve, final long buyNowPrice, final long endTime)
    {
        addLot.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).auctionId(auctionId).lotId(lotId)
            .startPrice(startPrice).reserve(reserve).buyNowPrice(buyNowPrice).endTime(endTime);
        done(addLot.encodedLength());
    }

    /** A command that names only a lot: OpenLot, FairWarning, Hammer, Reopen or WithdrawLot, by template id. */
    public void lotCommand(final int templateId, final long correlationId, final long auctionId, final long lotId)
    {
        switch (templateId)
        {
            case OpenLotEncoder.TEMPLATE_ID:
                openLot.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).auctionId(auctionId)
                    .lotId(lotId);
                done(openLot.encodedLength());
                break;
            case FairWarningEncoder.TEMPLATE_ID:
                fairWarning.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).auctionId(auctionId)
                    .lotId(lotId);
                done(fairWarning.encodedLength());
                break;
            case HammerEncoder.TEMPLATE_ID:
                hammer.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).auctionId(auctionId)
                    .lotId(lotId);
                done(hammer.encodedLength());
                break;
            case ReopenEncoder.TEMPLATE_ID:
                reopen.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).auctionId(auctionId)
                    .lotId(lotId);
                done(reopen.encodedLength());
                break;
            case WithdrawLotEncoder.TEMPLATE_ID:
                withdrawLot.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).auctionId(auctionId)
                    .lotId(lotId);
                done(withdrawLot.encodedLength());
                break;
            default:
                throw new IllegalArgumentException("not a lot command: template " + templateId);
        }
    }

    public void cancelAuction(final long correlationId, final long auctionId)
    {
        cancelAuction.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).auctionId(auctionId);
        done(cancelAuction.encodedLength());
    }

    public void setIncrement(final long correlationId, final long auctionId, final long lotId, final long increment)
    {
        setIncrement.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).auctionId(auctionId)
            .lotId(lotId).increment(increment);
        done(setIncrement.encodedLength());
    }

    public void jumpAsk(final long correlationId, final long auctionId, final long lotId, final long ask)
    {
        jumpAsk.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).auctionId(auctionId)
            .lotId(lotId).ask(ask);
        done(jumpAsk.encodedLength());
    }

    /** Assigns a CLERK principal to an auction ({@code assign}), or unassigns it. */
    public void assignClerk(final long correlationId, final long auctionId, final long clerkId, final boolean assign)
    {
        assignClerk.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).auctionId(auctionId)
            .clerkId(clerkId).assign(assign ? BooleanType.TRUE : BooleanType.FALSE);
        done(assignClerk.encodedLength());
    }

    public void auctionStatus(final long correlationId, final long auctionId)
    {
        auctionStatus.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).auctionId(auctionId);
        done(auctionStatus.encodedLength());
    }

    /** Asks for one bidder's own standing (limit, exposure, status), answered privately with BidderStatus. */
    public void bidderStatus(final long correlationId, final long auctionId, final long bidderId)
    {
        bidderStatus.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).auctionId(auctionId)
            .bidderId(bidderId);
        done(bidderStatus.encodedLength());
    }

    public void registerBidder(final long correlationId, final long auctionId, final long bidderId,
        final long paddle, final long limit)
    {
        registerBidder(correlationId, auctionId, bidderId, paddle, limit, "");
    }

    /** A registration carrying the payment provider's reference to the bidder's payment method ("" = none). */
    public void registerBidder(final long correlationId, final long auctionId, final long bidderId,
        final long paddle, final long limit, final String paymentMethod)
    {
        registerBidder.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).auctionId(auctionId)
            .bidderId(bidderId).paddle(paddle).biddingLimit(limit)
            .putPaymentMethod(text(paymentMethod, paymentMethodBytes), 0);
        done(registerBidder.encodedLength());
    }

    public void approveBidder(final long correlationId, final long auctionId, final long bidderId)
    {
        approveBidder.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).auctionId(auctionId)
            .bidderId(bidderId);
        done(approveBidder.encodedLength());
    }

    public void suspendBidder(final long correlationId, final long auctionId, final long bidderId)
    {
        suspendBidder(correlationId, auctionId, bidderId, "");
    }

    /** A suspension with a one-word reason (up to 16 printable ASCII characters; "" = none) the journal keeps. */
    public void suspendBidder(final long correlationId, final long auctionId, final long bidderId,
        final String reason)
    {
        suspendBidder.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).auctionId(auctionId)
            .bidderId(bidderId).putReason(text(reason, suspendReasonBytes), 0);
        done(suspendBidder.encodedLength());
    }

    /**
     * Fixed-length text, NUL padded. Refuses (rather than truncates) text that does not fit or is not printable
     * ASCII: a cut payment method reference would name another card.
     */
    private static byte[] text(final String value, final byte[] into)
    {
        final byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > into.length)
        {
            throw new IllegalArgumentException("'" + value + "' is longer than " + into.length + " characters");
        }
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E)
            {
                throw new IllegalArgumentException("'" + value + "' is not printable ASCII");
            }
        }
        java.util.Arrays.fill(into, (byte)0);
        System.arraycopy(bytes, 0, into, 0, bytes.length);
        return into;
    }

    public void maxBid(final long correlationId, final long auctionId, final long lotId, final long bidderId,
        final long maximum)
    {
        maxBid.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).auctionId(auctionId).lotId(lotId)
            .bidderId(bidderId).maxAmount(maximum);
        done(maxBid.encodedLength());
    }

    public void liveBid(final long correlationId, final long auctionId, final long lotId, final long bidderId,
        final long amount, final int askVersion)
    {
        liveBid.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).auctionId(auctionId).lotId(lotId)
            .bidderId(bidderId).amount(amount).askVersion(askVersion);
        done(liveBid.encodedLength());
    }

    public void floorBid(final long correlationId, final long auctionId, final long lotId, final long paddle,
        final long amount, final int askVersion)
    {
        floorBid.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).auctionId(auctionId)
            .lotId(lotId).paddle(paddle).amount(amount).askVersion(askVersion);
        done(floorBid.encodedLength());
    }

    public void buyNow(final long correlationId, final long auctionId, final long lotId, final long bidderId)
    {
        buyNow.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).auctionId(auctionId).lotId(lotId)
            .bidderId(bidderId);
        done(buyNow.encodedLength());
    }

    /** {@code reason}: one word of at most 16 ASCII characters (longer is cut). */
    public void retract(final long correlationId, final long auctionId, final long lotId, final long bidderId,
        final String reason)
    {
        java.util.Arrays.fill(reasonBytes, (byte)0);
        final byte[] text = reason.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, reasonBytes, 0, Math.min(text.length, reasonBytes.length));
        retract.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).auctionId(auctionId).lotId(lotId)
            .bidderId(bidderId).putReason(reasonBytes, 0);
        done(retract.encodedLength());
    }

    public void settlementResult(final long correlationId, final long auctionId, final long lotId,
        final PaymentResult result)
    {
        settlementResult.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId).auctionId(auctionId)
            .lotId(lotId).result(result);
        done(settlementResult.encodedLength());
    }

    public void takeSnapshot(final long correlationId)
    {
        takeSnapshot.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId);
        done(takeSnapshot.encodedLength());
    }

    public void tick(final long correlationId)
    {
        tick.wrapAndApplyHeader(buffer, 0, header).correlationId(correlationId);
        done(tick.encodedLength());
    }
}
