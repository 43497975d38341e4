package io.gavel.core;

import io.gavel.protocol.CommandValidator;
import io.gavel.protocol.CommandTemplates;
import io.gavel.protocol.FrameCheck;
import io.gavel.core.rules.Auction;
import io.gavel.core.rules.AuctionRules;
import io.gavel.core.rules.IncrementTable;
import io.gavel.core.rules.Lot;
import io.gavel.core.rules.SoftClosePolicy;
import io.gavel.core.rules.StateHash;
import io.gavel.sbe.*;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * The business logic of one engine: decodes a sequenced SBE command, applies {@link AuctionRules}, and encodes
 * every event it causes, ending with the command's own response (CommandAccepted or CommandRejected). A pure,
 * deterministic function of the command stream: the same commands always produce the same event bytes.
 * <p>
 * Idempotency (RULES.md R6): a repeated (principal, correlation id) within that principal's window answers the original outcome,
 * flagged duplicate, and changes nothing; the same id on a different command is rejected as DUPLICATE. Correlation
 * id 0 opts out (the engine's own ticks).
 */
public final class MatchingCore
{
    /** Commands remembered per principal for idempotent retries (RULES.md R6). */
    public static final int DEFAULT_CORRELATION_WINDOW = 4_096;
    private static final int MAX_BANDS = CommandValidator.MAX_INCREMENT_BANDS;

    private final SbeEventWriter writer = new SbeEventWriter();
    private final AuctionRules rules;
    private final CorrelationWindow window;
    private boolean lastAccepted;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
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
    private final MaxBidDecoder maxBid = new MaxBidDecoder();
    private final LiveBidDecoder liveBid = new LiveBidDecoder();
    private final FloorBidDecoder floorBid = new FloorBidDecoder();
    private final BuyNowDecoder buyNow = new BuyNowDecoder();
    private final RetractDecoder retract = new RetractDecoder();
    private final SettlementResultDecoder settlementResult = new SettlementResultDecoder();
    private final AssignClerkDecoder assignClerk = new AssignClerkDecoder();
    private final long[] bandStarts = new long[MAX_BANDS];
    private final long[] bandIncrements = new long[MAX_BANDS];
    private final byte[] retractReason = new byte[RetractDecoder.reasonLength()];

    public MatchingCore()
    {
        this(DEFAULT_CORRELATION_WINDOW);
    }

    public MatchingCore(final int correlationWindow)
    {
        this(correlationWindow, null);
    }

    /** A core around rules restored from a snapshot (or new ones when {@code restored} is null). */
    MatchingCore(final int correlationWindow, final AuctionRules restored)
    {
        window = new CorrelationWindow(correlationWindow);
        rules = restored != null ? restored : new AuctionRules(writer);
        rules.eventSink(writer);
    }

    CorrelationWindow window()
    {
        return window;
    }

    /** Commands the idempotency window remembers per principal: a setting the journal records (it changes answers). */
    public int correlationWindow()
    {
        return window.capacity();
    }

    /** Whether the command applied last was accepted (not a repeat, not rejected). */
    public boolean lastAccepted()
    {
        return lastAccepted;
    }

    public AuctionRules rules()
    {
        return rules;
    }

    /** The earliest pending deadline, so the engine knows when to inject a tick. */
    public long nextDeadline()
    {
        return rules.nextDeadline();
    }

    /** A hash of all auction state; equal hashes after equal command streams (exchange-core's habit). */
    public long stateHash()
    {
        return StateHash.of(rules);
    }

    /**
     * Applies one sequenced command and writes its events into {@code out} (which is reset first).
     *
     * @return the number of event frames written.
     */
    public int apply(
        final long sequence,
        final long engineTime,
        final long principal,
        final Role role,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final EventBuffer out)
    {
        out.reset();
        lastAccepted = false;
        writer.target(out);
        rules.begin(sequence, engineTime, principal, role);

        // Validated before the window is consulted: a malformed frame never uses up its correlation id, and no
        // decoder below can throw on what passes (so replay never depends on an exception).
        final RejectReason frameReason = CommandValidator.validate(buffer, offset, length);
        if (frameReason != null)
        {
            writer.commandRejected(FrameCheck.correlationId(buffer, offset, length), sequence, frameReason, false);
            return out.count();
        }
        header.wrap(buffer, offset);
        final int templateId = header.templateId();
        if (CommandTemplates.isSession(templateId))
        {
            return out.count();
        }
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final long correlationId = FrameCheck.correlationId(buffer, offset, length);
        final long checksum = correlationId == 0 ? 0 : checksum(templateId, buffer, bodyOffset, offset + length);
        if (correlationId != 0 && window.find(principal, correlationId))
        {
            answerRepeat(correlationId, sequence, checksum);
            return out.count();
        }

        final RejectReason reason = dispatch(templateId, buffer, bodyOffset, header.blockLength(), header.version(),
            correlationId);

        if (reason == null)
        {
            lastAccepted = true;
            writer.commandAccepted(correlationId, sequence, false);
        }
        else if (missedTheAsk(templateId, reason))
        {
            rejectWithLot(correlationId, sequence, reason, buffer, bodyOffset);
        }
        else
        {
            writer.commandRejected(correlationId, sequence, reason, false);
        }
        if (correlationId != 0)
        {
            window.record(principal, correlationId, checksum,
                reason == null ? CorrelationWindow.ACCEPTED : reason.value(), sequence);
        }
        return out.count();
    }

    /** A bid refused for where the lot stands: the answer says where it stands (ask, version, TIMED minimum). */
    private static boolean missedTheAsk(final int templateId, final RejectReason reason)
    {
        final boolean bid = templateId == MaxBidDecoder.TEMPLATE_ID || templateId == LiveBidDecoder.TEMPLATE_ID ||
            templateId == FloorBidDecoder.TEMPLATE_ID;
        return bid && (reason == RejectReason.ASK_MOVED || reason == RejectReason.NOT_AT_ASK ||
            reason == RejectReason.BELOW_MINIMUM || reason == RejectReason.ALREADY_LEADING ||
            reason == RejectReason.EQUAL_MAX_REJECTED);
    }

    // The three bids keep auctionId and lotId at MaxBid's offsets (RejectionContextTest guards the layout).
    private void rejectWithLot(final long correlationId, final long sequence, final RejectReason reason,
        final DirectBuffer buffer, final int bodyOffset)
    {
        final long auctionId = buffer.getLong(bodyOffset + MaxBidDecoder.auctionIdEncodingOffset(),
            java.nio.ByteOrder.LITTLE_ENDIAN);
        final long lotId = buffer.getLong(bodyOffset + MaxBidDecoder.lotIdEncodingOffset(),
            java.nio.ByteOrder.LITTLE_ENDIAN);
        final Auction auction = rules.auction(auctionId);
        final Lot lot = auction == null ? null : auction.lot(lotId);
        if (lot == null)
        {
            writer.commandRejected(correlationId, sequence, reason, false);
            return;
        }
        // As LotStatus reports it: a TIMED lot's ask is the least maximum it accepts.
        final boolean timed = auction.format() == Format.TIMED;
        writer.commandRejected(correlationId, sequence, reason, false, timed ? lot.minimumBid() : lot.ask(),
            lot.askVersion(), timed ? lot.minimumBid() : CommandRejectedEncoder.minimumBidNullValue());
    }

    private void answerRepeat(final long correlationId, final long sequence, final long checksum)
    {
        if (window.lastChecksum() != checksum)
        {
            writer.commandRejected(correlationId, sequence, RejectReason.DUPLICATE, true);
            return;
        }
        final int outcome = window.lastOutcome();
        if (outcome == CorrelationWindow.ACCEPTED)
        {
            writer.commandAccepted(correlationId, window.lastSequence(), true);
        }
        else
        {
            writer.commandRejected(correlationId, window.lastSequence(), RejectReason.get((short)outcome), true);
        }
    }

    private RejectReason dispatch(
        final int templateId,
        final DirectBuffer buffer,
        final int offset,
        final int blockLength,
        final int version,
        final long correlationId)
    {
        switch (templateId)
        {
            case MaxBidDecoder.TEMPLATE_ID:
                maxBid.wrap(buffer, offset, blockLength, version);
                return rules.maxBid(maxBid.auctionId(), maxBid.lotId(), maxBid.bidderId(), maxBid.maxAmount());
            case LiveBidDecoder.TEMPLATE_ID:
                liveBid.wrap(buffer, offset, blockLength, version);
                return rules.liveBid(liveBid.auctionId(), liveBid.lotId(), liveBid.bidderId(), liveBid.amount(),
                    liveBid.askVersion());
            case FloorBidDecoder.TEMPLATE_ID:
                floorBid.wrap(buffer, offset, blockLength, version);
                return rules.floorBid(floorBid.auctionId(), floorBid.lotId(), floorBid.paddle(), floorBid.amount(),
                    floorBid.askVersion());
            case BuyNowDecoder.TEMPLATE_ID:
                buyNow.wrap(buffer, offset, blockLength, version);
                return rules.buyNow(buyNow.auctionId(), buyNow.lotId(), buyNow.bidderId());
            case RetractDecoder.TEMPLATE_ID:
                retract.wrap(buffer, offset, blockLength, version);
                retract.getReason(retractReason, 0);
                return rules.retract(retract.auctionId(), retract.lotId(), retract.bidderId(), retractReason,
                    asciiLength(retractReason));
            case TickDecoder.TEMPLATE_ID:
                return rules.tick();
            case TakeSnapshotDecoder.TEMPLATE_ID:
                return rules.callerMayAdminister() ? null : RejectReason.NOT_AUTHORIZED;
            case OpenLotDecoder.TEMPLATE_ID:
                openLot.wrap(buffer, offset, blockLength, version);
                return rules.openLot(openLot.auctionId(), openLot.lotId());
            case FairWarningDecoder.TEMPLATE_ID:
                fairWarning.wrap(buffer, offset, blockLength, version);
                return rules.fairWarning(fairWarning.auctionId(), fairWarning.lotId());
            case HammerDecoder.TEMPLATE_ID:
                hammer.wrap(buffer, offset, blockLength, version);
                return rules.hammer(hammer.auctionId(), hammer.lotId());
            case ReopenDecoder.TEMPLATE_ID:
                reopen.wrap(buffer, offset, blockLength, version);
                return rules.reopen(reopen.auctionId(), reopen.lotId());
            case SetIncrementDecoder.TEMPLATE_ID:
                setIncrement.wrap(buffer, offset, blockLength, version);
                return rules.setIncrement(setIncrement.auctionId(), setIncrement.lotId(), setIncrement.increment());
            case JumpAskDecoder.TEMPLATE_ID:
                jumpAsk.wrap(buffer, offset, blockLength, version);
                return rules.jumpAsk(jumpAsk.auctionId(), jumpAsk.lotId(), jumpAsk.ask());
            case WithdrawLotDecoder.TEMPLATE_ID:
                withdrawLot.wrap(buffer, offset, blockLength, version);
                return rules.withdrawLot(withdrawLot.auctionId(), withdrawLot.lotId());
            case CancelAuctionDecoder.TEMPLATE_ID:
                cancelAuction.wrap(buffer, offset, blockLength, version);
                return rules.cancelAuction(cancelAuction.auctionId());
            case RequestAuctionStatusDecoder.TEMPLATE_ID:
                auctionStatus.wrap(buffer, offset, blockLength, version);
                return rules.auctionStatus(correlationId, auctionStatus.auctionId());
            case RequestBidderStatusDecoder.TEMPLATE_ID:
                bidderStatus.wrap(buffer, offset, blockLength, version);
                return rules.bidderStatus(correlationId, bidderStatus.auctionId(), bidderStatus.bidderId());
            case RegisterBidderDecoder.TEMPLATE_ID:
                registerBidder.wrap(buffer, offset, blockLength, version);
                return rules.registerBidder(registerBidder.auctionId(), registerBidder.bidderId(),
                    registerBidder.paddle(), registerBidder.biddingLimit());
            case ApproveBidderDecoder.TEMPLATE_ID:
                approveBidder.wrap(buffer, offset, blockLength, version);
                return rules.approveBidder(approveBidder.auctionId(), approveBidder.bidderId());
            case SuspendBidderDecoder.TEMPLATE_ID:
                suspendBidder.wrap(buffer, offset, blockLength, version);
                return rules.suspendBidder(suspendBidder.auctionId(), suspendBidder.bidderId());
            case SettlementResultDecoder.TEMPLATE_ID:
                settlementResult.wrap(buffer, offset, blockLength, version);
                return rules.settlementResult(settlementResult.auctionId(), settlementResult.lotId(),
                    settlementResult.result());
            case AddLotDecoder.TEMPLATE_ID:
                addLot.wrap(buffer, offset, blockLength, version);
                return rules.addLot(addLot.auctionId(), addLot.lotId(), addLot.startPrice(), addLot.reserve(),
                    addLot.buyNowPrice(), addLot.endTime());
            case AssignClerkDecoder.TEMPLATE_ID:
                assignClerk.wrap(buffer, offset, blockLength, version);
                // The raw byte: an out-of-range value is MALFORMED, never an exception from the enum lookup.
                final short assign = assignClerk.assignRaw();
                return assign != BooleanType.TRUE.value() && assign != BooleanType.FALSE.value() ?
                    RejectReason.MALFORMED :
                    rules.assignClerk(assignClerk.auctionId(), assignClerk.clerkId(), assign == BooleanType.TRUE.value());
            case CreateAuctionDecoder.TEMPLATE_ID:
                return createAuction(buffer, offset, blockLength, version);
            default:
                return RejectReason.MALFORMED;
        }
    }

    private RejectReason createAuction(
        final DirectBuffer buffer, final int offset, final int blockLength, final int version)
    {
        // CommandValidator has checked the enums and that the bands fit the frame and number at most MAX_BANDS.
        final CreateAuctionDecoder decoder = createAuction.wrap(buffer, offset, blockLength, version);
        final CreateAuctionDecoder.IncrementsDecoder bands = decoder.increments();
        int count = 0;
        while (bands.hasNext())
        {
            bands.next();
            bandStarts[count] = bands.fromAmount();
            bandIncrements[count] = bands.increment();
            count++;
        }
        final IncrementTable increments =
            count == 0 ? IncrementTable.DEFAULT : IncrementTable.of(bandStarts, bandIncrements, count);
        final SoftClosePolicy softClose = new SoftClosePolicy(
            decoder.softClose() == BooleanType.TRUE,
            decoder.softCloseWindowNanos(),
            decoder.softCloseExtensionNanos(),
            decoder.maxExtensions(),
            decoder.maxExtensionTotalNanos());
        return rules.createAuction(decoder.auctionId(), decoder.format(), decoder.currency(),
            decoder.premiumRateBps(), decoder.tiePolicy(), decoder.retractionPolicy(), softClose, increments);
    }

    private static int asciiLength(final byte[] text)
    {
        int length = 0;
        while (length < text.length && text[length] != 0)
        {
            length++;
        }
        return length;
    }

    private static long checksum(final int templateId, final DirectBuffer buffer, final int from, final int to)
    {
        long hash = 0xcbf29ce484222325L ^ templateId;
        int i = from + Long.BYTES;
        for (; i + Long.BYTES <= to; i += Long.BYTES)
        {
            hash = (hash ^ buffer.getLong(i, ByteOrder.LITTLE_ENDIAN)) * 0x9E3779B97F4A7C15L;
            hash ^= hash >>> 29;
        }
        for (; i < to; i++)
        {
            hash = (hash ^ buffer.getByte(i)) * 0x100000001b3L;
        }
        return hash;
    }
}
