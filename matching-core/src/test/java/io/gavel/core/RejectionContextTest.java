package io.gavel.core;

import io.gavel.core.rules.Lot;
import io.gavel.protocol.CommandEncoder;
import io.gavel.sbe.*;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Schema version 2: a bid refused for where the lot stands carries the current ask and its version (and on a TIMED
 * lot the least maximum it accepts); other rejections carry null values; version 1 readers and senders still work.
 */
class RejectionContextTest
{
    private static final long LIVE = 1;
    private static final long TIMED = 2;
    private static final int V1_BLOCK = 8 + 8 + 1 + 1;

    private final CommandEncoder encoder = new CommandEncoder();
    private final EventBuffer out = new EventBuffer();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final CommandRejectedDecoder rejected = new CommandRejectedDecoder();
    private final UnsafeBuffer lastRejection = new UnsafeBuffer(new byte[128]);
    private MatchingCore core;
    private long sequence;
    private boolean wasRejected;

    @BeforeEach
    void setUp()
    {
        core = new MatchingCore();
        encoder.createAuction(1, LIVE, Format.LIVE, "USD", 0, TiePolicy.EARLIEST_WINS, RetractionPolicy.NULL_VAL,
            false, 0, 0, 0, 0, new long[]{0}, new long[]{10_00}, 1);
        admin();
        encoder.addLot(2, LIVE, 1, 100_00, 0, 0, 0);
        admin();
        encoder.createAuction(3, TIMED, Format.TIMED, "USD", 0, TiePolicy.EARLIEST_WINS, RetractionPolicy.NULL_VAL,
            false, 0, 0, 0, 0, new long[]{0}, new long[]{5_00}, 1);
        admin();
        encoder.addLot(4, TIMED, 1, 50_00, 0, 0, 1_000_000_000_000L);
        admin();
        for (long auction = LIVE; auction <= TIMED; auction++)
        {
            for (int bidder = 1; bidder <= 2; bidder++)
            {
                encoder.registerBidder(100 * auction + bidder, auction, bidder, 100 + bidder, 0);
                admin();
                encoder.approveBidder(100 * auction + 10 + bidder, auction, bidder);
                admin();
            }
        }
        encoder.lotCommand(OpenLotEncoder.TEMPLATE_ID, 5, LIVE, 1);
        admin();
        encoder.liveBid(6, LIVE, 1, 1, 100_00, 0);
        apply(1, Role.BIDDER);
        assertTrue(!wasRejected, "the opening bid is accepted");
    }

    @Test
    void aLiveBidOffTheAskIsToldTheAskAndItsVersion()
    {
        final Lot lot = core.rules().auction(LIVE).lot(1);
        assertEquals(110_00, lot.ask());

        encoder.liveBid(7, LIVE, 1, 2, 150_00, 0);
        apply(2, Role.BIDDER);
        assertRejected(RejectReason.NOT_AT_ASK, 110_00, lot.askVersion(), CommandRejectedDecoder.minimumBidNullValue());

        encoder.liveBid(8, LIVE, 1, 2, 110_00, lot.askVersion() - 1);
        apply(2, Role.BIDDER);
        assertRejected(RejectReason.ASK_MOVED, 110_00, lot.askVersion(), CommandRejectedDecoder.minimumBidNullValue());

        encoder.liveBid(9, LIVE, 1, 1, 110_00, 0);
        apply(1, Role.BIDDER);
        assertRejected(RejectReason.ALREADY_LEADING, 110_00, lot.askVersion(),
            CommandRejectedDecoder.minimumBidNullValue());
    }

    @Test
    void aTimedMaximumBelowTheMinimumIsToldTheMinimum()
    {
        encoder.maxBid(10, TIMED, 1, 1, 10_00);
        apply(1, Role.BIDDER);
        assertRejected(RejectReason.BELOW_MINIMUM, 50_00, core.rules().auction(TIMED).lot(1).askVersion(), 50_00);

        encoder.maxBid(11, TIMED, 1, 1, 80_00);
        apply(1, Role.BIDDER);
        encoder.maxBid(12, TIMED, 1, 2, 52_00);
        apply(2, Role.BIDDER);
        // Bidder 1 leads at the start price: the next maximum must be a step above it.
        assertRejected(RejectReason.BELOW_MINIMUM, 55_00, core.rules().auction(TIMED).lot(1).askVersion(), 55_00);
    }

    @Test
    void otherRejectionsCarryNothing()
    {
        encoder.liveBid(13, LIVE, 99, 2, 110_00, 0);
        apply(2, Role.BIDDER);
        assertRejected(RejectReason.UNKNOWN_LOT, CommandRejectedDecoder.askNullValue(),
            CommandRejectedDecoder.askVersionNullValue(), CommandRejectedDecoder.minimumBidNullValue());
    }

    @Test
    void aVersionOneReaderReadsAVersionTwoRejectionByItsBlockLength()
    {
        encoder.liveBid(14, LIVE, 1, 2, 150_00, 0);
        apply(2, Role.BIDDER);
        header.wrap(lastRejection, 0);
        assertEquals(2, header.version());
        assertTrue(header.blockLength() > V1_BLOCK, "the new fields are appended to the block");
        // A v1 decoder knows only the first four fields, at their v1 offsets, and skips blockLength bytes.
        final int block = MessageHeaderDecoder.ENCODED_LENGTH;
        assertEquals(14, lastRejection.getLong(block, java.nio.ByteOrder.LITTLE_ENDIAN));
        assertEquals(RejectReason.NOT_AT_ASK.value(), lastRejection.getByte(block + 16));
        assertEquals(BooleanType.FALSE.value(), lastRejection.getByte(block + 17));
        assertEquals(V1_BLOCK, CommandRejectedDecoder.askEncodingOffset(), "v2 fields start where v1's block ended");
    }

    @Test
    void aVersionTwoReaderSeesNothingGivenInAVersionOneRejection()
    {
        // What a v1 engine sends: version 1, the v1 block length.
        final UnsafeBuffer v1 = new UnsafeBuffer(new byte[64]);
        new CommandRejectedEncoder().wrapAndApplyHeader(v1, 0, new MessageHeaderEncoder())
            .correlationId(15).engineSequence(3).reason(RejectReason.NOT_AT_ASK).duplicate(BooleanType.FALSE);
        new MessageHeaderEncoder().wrap(v1, 0).blockLength(V1_BLOCK).version(1);
        v1.putLong(MessageHeaderDecoder.ENCODED_LENGTH + V1_BLOCK, 12345L); // bytes of whatever follows
        rejected.wrapAndApplyHeader(v1, 0, header.wrap(v1, 0));
        assertEquals(RejectReason.NOT_AT_ASK, rejected.reason());
        assertEquals(CommandRejectedDecoder.askNullValue(), rejected.ask());
        assertEquals(CommandRejectedDecoder.askVersionNullValue(), rejected.askVersion());
        assertEquals(CommandRejectedDecoder.minimumBidNullValue(), rejected.minimumBid());
    }

    @Test
    void theEngineStillAcceptsVersionOneCommands()
    {
        final Lot lot = core.rules().auction(LIVE).lot(1);
        encoder.liveBid(16, LIVE, 1, 2, lot.ask(), lot.askVersion());
        new MessageHeaderEncoder().wrap(encoder.buffer(), 0).version(1);
        apply(2, Role.BIDDER);
        assertTrue(!wasRejected, "a version 1 LiveBid is applied");
        assertEquals(2, lot.leaderId());
    }

    @Test
    void everyBidKeepsTheLotWhereMaxBidHasIt()
    {
        // MatchingCore reads auctionId and lotId of a refused bid at MaxBid's offsets.
        assertEquals(MaxBidDecoder.auctionIdEncodingOffset(), LiveBidDecoder.auctionIdEncodingOffset());
        assertEquals(MaxBidDecoder.auctionIdEncodingOffset(), FloorBidDecoder.auctionIdEncodingOffset());
        assertEquals(MaxBidDecoder.lotIdEncodingOffset(), LiveBidDecoder.lotIdEncodingOffset());
        assertEquals(MaxBidDecoder.lotIdEncodingOffset(), FloorBidDecoder.lotIdEncodingOffset());
    }

    private void assertRejected(final RejectReason reason, final long ask, final int askVersion, final long minimum)
    {
        assertTrue(wasRejected, "rejected");
        rejected.wrapAndApplyHeader(lastRejection, 0, header.wrap(lastRejection, 0));
        assertEquals(reason, rejected.reason());
        assertEquals(ask, rejected.ask(), "ask");
        assertEquals(askVersion, rejected.askVersion(), "ask version");
        assertEquals(minimum, rejected.minimumBid(), "minimum bid");
    }

    private void admin()
    {
        apply(99, Role.ADMIN);
        assertTrue(!wasRejected, "set-up step " + sequence + " accepted");
    }

    private void apply(final long principal, final Role role)
    {
        core.apply(++sequence, sequence * 1_000, principal, role, encoder.buffer(), 0, encoder.length(), out);
        wasRejected = false;
        out.forEach((buffer, offset, length) ->
        {
            if (header.wrap(buffer, offset).templateId() == CommandRejectedDecoder.TEMPLATE_ID)
            {
                wasRejected = true;
                lastRejection.putBytes(0, buffer, offset, length);
            }
        });
    }
}
