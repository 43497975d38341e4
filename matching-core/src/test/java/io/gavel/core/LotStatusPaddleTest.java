package io.gavel.core;

import io.gavel.protocol.CommandEncoder;
import io.gavel.sbe.*;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Schema version 2: the engine's LotStatus answer names the leader's registration paddle (null with no leader), so
 * a status reader needs no journal to speak in paddles; a version 1 reader still reads the answer by block length.
 */
@Timeout(30)
class LotStatusPaddleTest
{
    private static final long AUCTION = 1;
    private static final int V1_BLOCK = 8 + 8 + 8 + 8 + 1 + 8 + 8 + 8 + 4 + 1 + 8;

    private final CommandEncoder encoder = new CommandEncoder();
    private final EventBuffer out = new EventBuffer();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final LotStatusDecoder status = new LotStatusDecoder();
    private final List<UnsafeBuffer> answers = new ArrayList<>();
    private MatchingCore core;
    private long sequence;

    @BeforeEach
    void setUp()
    {
        core = new MatchingCore();
        encoder.createAuction(1, AUCTION, Format.LIVE, "USD", 0, TiePolicy.EARLIEST_WINS, RetractionPolicy.NULL_VAL,
            false, 0, 0, 0, 0, new long[]{0}, new long[]{10_00}, 1);
        admin();
        encoder.addLot(2, AUCTION, 1, 100_00, 0, 0, 0);
        admin();
        encoder.addLot(3, AUCTION, 2, 100_00, 0, 0, 0);
        admin();
        // Paddles unlike the bidder ids, so an answer that gave the id back would fail.
        for (int bidder = 1; bidder <= 2; bidder++)
        {
            encoder.registerBidder(10 + bidder, AUCTION, bidder, 100 + bidder, 0);
            admin();
            encoder.approveBidder(20 + bidder, AUCTION, bidder);
            admin();
        }
        encoder.lotCommand(OpenLotEncoder.TEMPLATE_ID, 5, AUCTION, 1);
        admin();
        encoder.liveBid(6, AUCTION, 1, 2, 100_00, 0);
        apply(2, Role.BIDDER);
    }

    @Test
    void theAnswerNamesTheLeadersPaddleAndNoneWithoutALeader()
    {
        encoder.auctionStatus(7, AUCTION);
        apply(99, Role.ADMIN);
        assertEquals(2, answers.size(), "one LotStatus per lot");

        read(answers.get(0));
        assertEquals(1, status.lotId());
        assertEquals(2, status.leaderId());
        assertEquals(102, status.leaderPaddle());

        read(answers.get(1));
        assertEquals(2, status.lotId());
        assertEquals(0, status.leaderId());
        assertEquals(LotStatusDecoder.leaderPaddleNullValue(), status.leaderPaddle());
    }

    @Test
    void aSoldLotNamesTheWinnersPaddle()
    {
        encoder.liveBid(8, AUCTION, 1, 1, 110_00, core.rules().auction(AUCTION).lot(1).askVersion());
        apply(1, Role.BIDDER);
        encoder.lotCommand(HammerEncoder.TEMPLATE_ID, 9, AUCTION, 1);
        admin();
        encoder.auctionStatus(10, AUCTION);
        apply(99, Role.ADMIN);
        read(answers.get(0));
        assertEquals(LotState.SOLD, status.state());
        assertEquals(101, status.leaderPaddle());
    }

    @Test
    void aVersionOneReaderReadsTheAnswerByItsBlockLength()
    {
        encoder.auctionStatus(31, AUCTION);
        apply(99, Role.ADMIN);
        final UnsafeBuffer first = answers.get(0);
        header.wrap(first, 0);
        assertEquals(2, header.version());
        assertEquals(V1_BLOCK, LotStatusDecoder.leaderPaddleEncodingOffset(), "the paddle starts where v1's block ended");
        assertEquals(V1_BLOCK + Long.BYTES, header.blockLength());
        // A v1 reader skips blockLength bytes per frame, so the second answer still starts where it looks.
        final int body = MessageHeaderDecoder.ENCODED_LENGTH;
        assertEquals(31, first.getLong(body, ByteOrder.LITTLE_ENDIAN));
        assertEquals(2, first.getLong(body + LotStatusDecoder.leaderIdEncodingOffset(), ByteOrder.LITTLE_ENDIAN));
        assertEquals(body + header.blockLength(), first.capacity());
    }

    @Test
    void aVersionTwoReaderSeesNoPaddleInAVersionOneAnswer()
    {
        final UnsafeBuffer v1 = new UnsafeBuffer(new byte[128]);
        new LotStatusEncoder().wrapAndApplyHeader(v1, 0, new MessageHeaderEncoder())
            .correlationId(12).auctionId(AUCTION).lotId(1).leaderId(2).leaderPaddle(102);
        new MessageHeaderEncoder().wrap(v1, 0).blockLength(V1_BLOCK).version(1);
        read(v1);
        assertEquals(2, status.leaderId());
        assertEquals(LotStatusDecoder.leaderPaddleNullValue(), status.leaderPaddle());
    }

    private void read(final UnsafeBuffer frame)
    {
        status.wrapAndApplyHeader(frame, 0, header.wrap(frame, 0));
    }

    private void admin()
    {
        apply(99, Role.ADMIN);
    }

    private void apply(final long principal, final Role role)
    {
        answers.clear();
        core.apply(++sequence, sequence * 1_000, principal, role, encoder.buffer(), 0, encoder.length(), out);
        final boolean[] rejected = {false};
        out.forEach((buffer, offset, length) ->
        {
            final int template = header.wrap(buffer, offset).templateId();
            if (template == CommandRejectedDecoder.TEMPLATE_ID)
            {
                rejected[0] = true;
            }
            else if (template == LotStatusDecoder.TEMPLATE_ID)
            {
                final UnsafeBuffer copy = new UnsafeBuffer(new byte[length]);
                copy.putBytes(0, buffer, offset, length);
                answers.add(copy);
            }
        });
        assertTrue(!rejected[0], "step " + sequence + " accepted");
    }
}
