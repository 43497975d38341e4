package io.gavel.core.rules;

import io.gavel.sbe.Format;
import io.gavel.sbe.LotState;
import io.gavel.sbe.RejectReason;
import io.gavel.sbe.RetractionPolicy;
import io.gavel.sbe.Role;
import io.gavel.sbe.TiePolicy;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Setting a sale up (RULES.md R1 tables, R6 set-up reasons and their boundaries), what the catalogue answers, the
 * status query, R4's closing order for many lots due at once, and clerk assignments in any order.
 */
class SetUpRulesTest
{
    private final RecordingSink sink = new RecordingSink();
    private final AuctionRules rules = new AuctionRules(sink);
    private long seq;

    private void at(final long time, final Role role, final long principal)
    {
        rules.begin(++seq, time, principal, role);
    }

    private RejectReason create(final long id, final Format format, final int premium)
    {
        return rules.createAuction(id, format, "USD", premium, TiePolicy.EARLIEST_WINS, RetractionPolicy.NULL_VAL,
            SoftClosePolicy.OFF, IncrementTable.DEFAULT);
    }

    @Test
    void r6SetUpReasonsAndTheirBoundaries()
    {
        at(10, Role.ADMIN, 1);
        assertEquals(RejectReason.INVALID_SETTINGS, create(0, Format.TIMED, 0));
        assertNull(create(1, Format.TIMED, 0));
        assertNull(create(2, Format.LIVE, Money.BPS_PER_UNIT));
        assertEquals(RejectReason.AUCTION_EXISTS, create(1, Format.LIVE, -1), "the id is checked first");
        assertEquals(RejectReason.INVALID_SETTINGS, rules.createAuction(3, Format.TIMED, "US", 0,
            TiePolicy.EARLIEST_WINS, RetractionPolicy.NULL_VAL, SoftClosePolicy.OFF, IncrementTable.DEFAULT));
        assertEquals(RejectReason.INVALID_SETTINGS, rules.createAuction(3, Format.TIMED, "USD", 0,
            TiePolicy.EARLIEST_WINS, RetractionPolicy.NULL_VAL, SoftClosePolicy.OFF, null));

        assertEquals(RejectReason.INVALID_SETTINGS, rules.addLot(1, 0, 1, 0, 0, 100), "lot id 0");
        assertEquals(RejectReason.INVALID_SETTINGS, rules.addLot(1, 1, 0, 0, 0, 100), "start 0");
        assertEquals(RejectReason.INVALID_SETTINGS, rules.addLot(1, 1, 1, -1, 0, 100), "reserve -1");
        assertEquals(RejectReason.INVALID_SETTINGS, rules.addLot(1, 1, 1, 0, 0, 10), "ends now");
        assertEquals(RejectReason.INVALID_SETTINGS, rules.addLot(1, 1, 5_00, 0, 4_99, 100), "buy-now below start");
        assertEquals(RejectReason.INVALID_SETTINGS, rules.addLot(2, 1, 5_00, 0, 5_00, 0), "buy-now on LIVE");
        assertNull(rules.addLot(1, 1, 1, 0, 0, 11));
        assertNull(rules.addLot(1, 2, 5_00, 0, 5_00, 11), "buy-now equal to the start");
        assertEquals(RejectReason.LOT_EXISTS, rules.addLot(1, 1, 0, 0, 0, 0), "the id is checked first");
        assertEquals(11, rules.auction(1).lot(1).end());

        assertEquals(RejectReason.INVALID_SETTINGS, rules.registerBidder(1, 0, 1, 0), "bidder 0");
        assertEquals(RejectReason.INVALID_SETTINGS, rules.registerBidder(1, 1, 0, 0), "paddle 0");
        assertEquals(RejectReason.INVALID_SETTINGS, rules.registerBidder(1, 1, 1, -1), "limit -1");
        assertNull(rules.registerBidder(1, 1, 1, 0));
        assertEquals(RejectReason.ALREADY_REGISTERED, rules.registerBidder(1, 1, 2, 0), "before the paddle");
        assertEquals(RejectReason.PADDLE_IN_USE, rules.registerBidder(1, 2, 1, 0));
        assertNull(rules.registerBidder(1, 2, 2, 5));
        final Bidder bidder = rules.auction(1).bidder(2);
        assertEquals(2, bidder.paddle());
        assertEquals(5, bidder.limit());
        assertEquals(BidderStatus.PENDING, bidder.status());
        assertSame(bidder, rules.auction(1).bidderByPaddle(2));
        assertNull(rules.auction(1).bidderByPaddle(3));
        assertEquals(RejectReason.NOT_REGISTERED, rules.approveBidder(1, 3));
        assertEquals(RejectReason.NOT_REGISTERED, rules.suspendBidder(1, 3));
        assertEquals(RejectReason.UNKNOWN_AUCTION, rules.approveBidder(9, 1));

        assertNull(rules.cancelAuction(1));
        assertEquals(RejectReason.AUCTION_CANCELLED, rules.cancelAuction(1));
        assertEquals(RejectReason.AUCTION_CANCELLED, rules.addLot(1, 3, 1, 0, 0, 100));
        assertEquals(LotState.PASSED, rules.auction(1).lot(1).state());
        assertEquals(Long.MAX_VALUE, rules.nextDeadline(), "withdrawn lots leave the deadline queue");
        assertEquals(RejectReason.LOT_CLOSED, rules.withdrawLot(1, 1));
    }

    @Test
    void r1IncrementTables()
    {
        assertNull(IncrementTable.of(new long[]{0}, new long[]{1}, 0), "no bands");
        assertNull(IncrementTable.of(new long[]{1}, new long[]{1}, 1), "the first band starts at 0");
        assertNull(IncrementTable.of(new long[]{0}, new long[]{0}, 1), "increment 0");
        assertNull(IncrementTable.of(new long[]{0, 100, 100}, new long[]{1, 2, 3}, 3), "equal starts");
        final IncrementTable table = IncrementTable.of(new long[]{0, 100, 99_999}, new long[]{1, 2, 3}, 2);
        assertEquals(2, table.bandCount(), "only count bands are read");
        assertEquals(1, table.increment(99));
        assertEquals(2, table.increment(100), "a boundary belongs to the band it starts");
        assertEquals(102, table.nextAsk(100));
        assertEquals(1, table.bandIndex(Long.MAX_VALUE));
        assertEquals(100, table.bandStart(1));
        assertEquals(2, table.bandIncrement(1));
    }

    @Test
    void whatTheCatalogueAnswers()
    {
        at(0, Role.ADMIN, 1);
        assertTrue(rules.callerMayAdminister());
        assertNull(rules.createAuction(7, Format.TIMED, "EUR", 1_250, TiePolicy.EARLIEST_WINS,
            RetractionPolicy.NULL_VAL, SoftClosePolicy.OFF, IncrementTable.DEFAULT));
        assertNull(rules.addLot(7, 1, 3_00, 0, 0, 100));
        final Auction auction = rules.auction(7);
        assertEquals(Format.TIMED, auction.format());
        assertEquals("EUR", auction.currency());
        assertSame(IncrementTable.DEFAULT, auction.increments());
        assertEquals(1_250, auction.premiumRateBps());
        assertEquals(2, auction.eventSequence());
        assertEquals(List.of(auction), rules.auctions());
        assertSame(auction, auction.lot(1).auction());
        assertEquals(3_00, auction.lot(1).startPrice());
        at(0, Role.CLERK, 1);
        assertFalse(rules.callerMayAdminister());
        at(0, Role.BIDDER, 1);
        assertEquals(RejectReason.NOT_AUTHORIZED, rules.tick());
        assertEquals(RejectReason.NOT_AUTHORIZED, rules.settlementResult(7, 1, io.gavel.sbe.PaymentResult.PAID));
        assertEquals(RejectReason.NOT_AUTHORIZED, rules.createAuction(8, Format.TIMED, "EUR", 0,
            TiePolicy.EARLIEST_WINS, RetractionPolicy.NULL_VAL, SoftClosePolicy.OFF, IncrementTable.DEFAULT));
    }

    @Test
    void theStatusQueryAnswersEveryLotInOrder()
    {
        at(0, Role.ADMIN, 1);
        assertNull(create(1, Format.TIMED, 0));
        assertNull(create(2, Format.LIVE, 0));
        assertNull(rules.addLot(1, 2, 10_00, 0, 0, 100));
        assertNull(rules.addLot(1, 1, 10_00, 0, 0, 50));
        assertNull(rules.addLot(2, 1, 20_00, 0, 0, 0));
        // Paddles differ from the bidder id and between auctions: the answer names the paddle of this auction.
        assertNull(rules.registerBidder(1, 5, 105, 0));
        assertNull(rules.approveBidder(1, 5));
        assertNull(rules.registerBidder(2, 5, 205, 0));
        assertNull(rules.approveBidder(2, 5));
        assertNull(rules.maxBid(1, 2, 5, 12_00));
        assertNull(rules.openLot(2, 1));
        assertNull(rules.liveBid(2, 1, 5, 20_00, 1));
        at(60, Role.BIDDER, 5);
        sink.drain();
        assertNull(rules.auctionStatus(9, 1));
        assertEquals(List.of("LotStatus 2 OPEN leader=5 price=1000 ask=1050 paddle=105",
            "LotStatus 1 PASSED leader=0 price=1000 ask=0 paddle=none"), sink.drain());
        assertNull(rules.auctionStatus(9, 2));
        assertEquals(List.of("LotStatus 1 OPEN leader=5 price=2000 ask=2050 paddle=205"), sink.drain());
        assertEquals(RejectReason.UNKNOWN_AUCTION, rules.auctionStatus(9, 3));
        at(100, Role.ADMIN, 1);
        assertNull(rules.hammer(2, 1));
        sink.drain();
        assertNull(rules.auctionStatus(9, 1));
        assertNull(rules.auctionStatus(9, 2));
        assertEquals(List.of("LotStatus 2 SOLD leader=5 price=1000 ask=0 paddle=105",
            "LotStatus 1 PASSED leader=0 price=1000 ask=0 paddle=none",
            "LotStatus 1 SOLD leader=5 price=2000 ask=2050 paddle=205"), sink.drain());
        at(100, Role.SETTLEMENT, 3);
        assertEquals(RejectReason.MALFORMED, rules.settlementResult(2, 1, io.gavel.sbe.PaymentResult.NULL_VAL));
    }

    @Test
    void r4ManyLotsDueAtOnceCloseByEndThenAuctionThenLot()
    {
        at(0, Role.ADMIN, 1);
        for (long auction = 3; auction >= 1; auction--)
        {
            assertNull(create(auction, Format.TIMED, 0));
        }
        // Added in an order unlike the closing order, with ties on the end and on the auction.
        final long[][] lots = {{3, 4, 100}, {1, 9, 100}, {2, 1, 90}, {1, 2, 100}, {3, 1, 100}, {2, 7, 100},
            {1, 5, 90}, {2, 3, 110}, {1, 1, 100}};
        for (final long[] lot : lots)
        {
            assertNull(rules.addLot(lot[0], lot[1], 1_00, 0, 0, lot[2]));
        }
        final StringBuilder order = new StringBuilder();
        rules.eventSink(new RecordingSink()
        {
            @Override
            public void lotPassed(final long auctionId, final long seq, final long lotId,
                final io.gavel.sbe.PassReason reason)
            {
                order.append(auctionId).append('/').append(lotId).append(' ');
            }
        });
        at(200, Role.ENGINE, 0);
        assertEquals("1/5 2/1 1/1 1/2 1/9 2/7 3/1 3/4 2/3 ", order.toString());
    }

    @Test
    void clerksAssignedInAnyOrderAreAllAssigned()
    {
        at(0, Role.ADMIN, 1);
        assertNull(create(1, Format.LIVE, 0));
        for (final long clerk : new long[]{905, 901, 903, 902, 904})
        {
            assertNull(rules.assignClerk(1, clerk, true));
        }
        assertNull(rules.assignClerk(1, 903, false));
        assertNull(rules.assignClerk(1, 903, false));
        final Auction auction = rules.auction(1);
        assertEquals(List.of(901L, 902L, 904L, 905L), java.util.Arrays.stream(auction.clerks()).boxed().toList());
        for (final long clerk : new long[]{901, 902, 904, 905})
        {
            assertTrue(auction.clerkAssigned(clerk), "clerk " + clerk);
        }
        assertFalse(auction.clerkAssigned(903));
    }
}
