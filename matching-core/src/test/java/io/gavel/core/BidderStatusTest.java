package io.gavel.core;

import io.gavel.protocol.CommandEncoder;
import io.gavel.sbe.*;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * RequestBidderStatus (issue 14): the engine answers privately with the bidder's limit and its exposure as R5 counts
 * it (premium included), so the web page can show the limit left exactly as OVER_LIMIT would judge it; only the
 * bidder itself, an edge, or those who run the auction may ask.
 */
@Timeout(30)
class BidderStatusTest
{
    private static final long AUCTION = 1;
    private static final long CLERK = 77;

    private final CommandEncoder encoder = new CommandEncoder();
    private final EventBuffer out = new EventBuffer();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final BidderStatusDecoder status = new BidderStatusDecoder();
    private final CommandRejectedDecoder rejected = new CommandRejectedDecoder();
    private final List<UnsafeBuffer> answers = new ArrayList<>();
    private RejectReason reason;
    private MatchingCore core;
    private long sequence;

    @BeforeEach
    void setUp()
    {
        core = new MatchingCore();
        // A 20% premium, so an exposure without it would fail the assertions below.
        encoder.createAuction(1, AUCTION, Format.LIVE, "USD", 2000, TiePolicy.EARLIEST_WINS,
            RetractionPolicy.NULL_VAL, false, 0, 0, 0, 0, new long[]{0}, new long[]{10_00}, 1);
        admin();
        encoder.addLot(2, AUCTION, 1, 100_00, 0, 0, 0);
        admin();
        encoder.registerBidder(11, AUCTION, 1, 101, 1_000_00);
        admin();
        encoder.approveBidder(21, AUCTION, 1);
        admin();
        encoder.registerBidder(12, AUCTION, 2, 102, 0);
        admin();
        encoder.approveBidder(22, AUCTION, 2);
        admin();
        encoder.assignClerk(23, AUCTION, CLERK, true);
        admin();
        encoder.lotCommand(OpenLotEncoder.TEMPLATE_ID, 5, AUCTION, 1);
        admin();
        encoder.liveBid(6, AUCTION, 1, 1, 100_00, 0);
        apply(1, Role.BIDDER);
        assertNull(reason, "the bid is accepted");
    }

    @Test
    void aLeadingBidderWithALimitSeesItsLimitAndExposure()
    {
        encoder.bidderStatus(7, AUCTION, 1);
        apply(1, Role.BIDDER);
        assertNull(reason);
        assertEquals(1, answers.size(), "one private BidderStatus");
        read(answers.get(0));
        assertEquals(7, status.correlationId());
        assertEquals(AUCTION, status.auctionId());
        assertEquals(1, status.bidderId());
        assertEquals(101, status.paddle());
        assertEquals(1_000_00, status.biddingLimit());
        assertEquals(120_00, status.exposure(), "100.00 leading plus the 20% premium");
        assertEquals(BooleanType.TRUE, status.approved());
        assertEquals(BooleanType.FALSE, status.suspended());
        assertEquals(0, status.strikes());
    }

    @Test
    void outbidExposureDropsAndAnUnlimitedBidderSaysSo()
    {
        encoder.liveBid(8, AUCTION, 1, 2, 110_00, core.rules().auction(AUCTION).lot(1).askVersion());
        apply(2, Role.BIDDER);
        assertNull(reason);

        encoder.bidderStatus(9, AUCTION, 1);
        apply(1, Role.BIDDER);
        read(answers.get(0));
        assertEquals(0, status.exposure(), "no longer leading");

        encoder.bidderStatus(10, AUCTION, 2);
        apply(500, Role.EDGE);
        assertNull(reason);
        read(answers.get(0));
        assertEquals(2, status.bidderId(), status.toString());
        assertEquals(0, status.biddingLimit(), "0 = unlimited");
        assertEquals(0, status.exposure(), "the engine keeps exposure only for bidders with a limit");
    }

    @Test
    void thoseWhoRunTheAuctionMayAsk()
    {
        long correlation = 30;
        for (final Role role : new Role[]{Role.ADMIN, Role.AUCTIONEER, Role.CLERK, Role.EDGE})
        {
            encoder.bidderStatus(++correlation, AUCTION, 1);
            apply(role == Role.CLERK ? CLERK : 99, role);
            assertNull(reason, role.name());
            assertEquals(1, answers.size(), role.name());
        }
    }

    @Test
    void othersAreRefused()
    {
        encoder.bidderStatus(40, AUCTION, 1);
        apply(2, Role.BIDDER);
        assertEquals(RejectReason.NOT_AUTHORIZED, reason, "another bidder");
        assertEquals(0, answers.size());

        encoder.bidderStatus(41, AUCTION, 1);
        apply(78, Role.CLERK);
        assertEquals(RejectReason.NOT_AUTHORIZED, reason, "a clerk not assigned to the auction");

        encoder.bidderStatus(42, AUCTION, 1);
        apply(99, Role.SETTLEMENT);
        assertEquals(RejectReason.NOT_AUTHORIZED, reason, "settlement");
    }

    @Test
    void unknownAuctionOrBidderGivesTheUsualReasons()
    {
        encoder.bidderStatus(50, 9, 1);
        apply(99, Role.ADMIN);
        assertEquals(RejectReason.UNKNOWN_AUCTION, reason);

        encoder.bidderStatus(51, AUCTION, 3);
        apply(99, Role.ADMIN);
        assertEquals(RejectReason.NOT_REGISTERED, reason);
        assertEquals(0, answers.size());
    }

    private void read(final UnsafeBuffer frame)
    {
        status.wrapAndApplyHeader(frame, 0, header.wrap(frame, 0));
    }

    private void admin()
    {
        apply(99, Role.ADMIN);
        assertNull(reason, "step " + sequence + " accepted");
    }

    private void apply(final long principal, final Role role)
    {
        answers.clear();
        reason = null;
        core.apply(++sequence, sequence * 1_000, principal, role, encoder.buffer(), 0, encoder.length(), out);
        out.forEach((buffer, offset, length) ->
        {
            final int template = header.wrap(buffer, offset).templateId();
            if (template == CommandRejectedDecoder.TEMPLATE_ID)
            {
                reason = rejected.wrapAndApplyHeader(buffer, offset, header).reason();
            }
            else if (template == BidderStatusDecoder.TEMPLATE_ID)
            {
                final UnsafeBuffer copy = new UnsafeBuffer(new byte[length]);
                copy.putBytes(0, buffer, offset, length);
                answers.add(copy);
            }
        });
    }
}
