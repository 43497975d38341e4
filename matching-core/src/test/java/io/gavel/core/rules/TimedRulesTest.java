package io.gavel.core.rules;

import io.gavel.sbe.Format;
import io.gavel.sbe.LotState;
import io.gavel.sbe.PassReason;
import io.gavel.sbe.RejectReason;
import io.gavel.sbe.RetractionPolicy;
import io.gavel.sbe.Role;
import io.gavel.sbe.TiePolicy;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * TIMED lots through {@link AuctionRules} directly: RULES.md R4 (deadlines, the closing window, extensions and their
 * caps) and the edges of R2 and R5 that a TIMED lot shows. Times are plain numbers of engine nanoseconds.
 */
class TimedRulesTest
{
    static final long A = 1;
    private final RecordingSink sink = new RecordingSink();
    private final AuctionRules rules = new AuctionRules(sink);
    private long seq;

    private void at(final long time)
    {
        rules.begin(++seq, time, 1, Role.ADMIN);
    }

    /** A TIMED auction with soft close W=10, E=20 and the given caps; lots 1.. end at {@code ends}, start 10.00. */
    private void sale(final int maxExtensions, final long maxTotal, final long... ends)
    {
        at(0);
        assertNull(rules.createAuction(A, Format.TIMED, "USD", 0, TiePolicy.EARLIEST_WINS, RetractionPolicy.NULL_VAL,
            new SoftClosePolicy(true, 10, 20, maxExtensions, maxTotal), IncrementTable.DEFAULT));
        for (int i = 0; i < ends.length; i++)
        {
            assertNull(rules.addLot(A, i + 1, 10_00, 0, 0, ends[i]));
        }
        for (long b = 1; b <= 3; b++)
        {
            assertNull(rules.registerBidder(A, b, 100 + b, 0));
            assertNull(rules.approveBidder(A, b));
        }
        sink.drain();
    }

    private Lot lot(final long id)
    {
        return rules.auction(A).lot(id);
    }

    /** Alternating bidders 1 and 2 each raise to the minimum at time {@code now}: one price change per call. */
    private void raise(final long lotId, final long now)
    {
        at(now);
        final long bidder = lot(lotId).leaderId() == 1 ? 2 : 1;
        assertNull(rules.maxBid(A, lotId, bidder, lot(lotId).minimumBid()));
    }

    @Test
    void r4ACapOfZeroExtensionsAllowsNoExtension()
    {
        sale(0, SoftClosePolicy.NO_CAP, 100);
        raise(1, 95);
        assertEquals(100, lot(1).end());
        assertEquals(0, lot(1).extensions());
        at(100);
        assertEquals(LotState.SOLD, lot(1).state());
    }

    @Test
    void r4AZeroTotalExtensionAllowsNoExtension()
    {
        sale(SoftClosePolicy.NO_CAP, 0, 100);
        raise(1, 95);
        assertEquals(100, lot(1).end());
        assertEquals(0, sink.count("EndExtended"));
    }

    @Test
    void r4LeftOutCapsAreNoCaps()
    {
        sale(SoftClosePolicy.NO_CAP, SoftClosePolicy.NO_CAP, 100);
        long now = 95;
        for (int i = 1; i <= 12; i++)
        {
            raise(1, now);
            assertEquals(now + 20, lot(1).end());
            assertEquals(i, lot(1).extensions());
            now += 15;
        }
    }

    @Test
    void r4CapsStopExtensionsAtTheirLimit()
    {
        sale(2, SoftClosePolicy.NO_CAP, 100);
        raise(1, 95);
        raise(1, 110);
        assertEquals(130, lot(1).end());
        raise(1, 125);
        assertEquals(130, lot(1).end(), "a third extension is over the cap of 2");
        assertEquals(2, lot(1).extensions());

        final TimedRulesTest other = new TimedRulesTest();
        other.sale(SoftClosePolicy.NO_CAP, 25, 100);
        other.raise(1, 95);
        assertEquals(115, other.lot(1).end());
        other.raise(1, 110);
        assertEquals(125, other.lot(1).end(), "the total cap stops the end at original end + 25");
        assertEquals(2, other.lot(1).extensions());
        other.raise(1, 120);
        assertEquals(2, other.lot(1).extensions(), "an extension counts only if it moved the end");
    }

    @Test
    void r4ABidExactlyAtTheStartOfTheWindowExtendsOneBeforeDoesNot()
    {
        sale(SoftClosePolicy.NO_CAP, SoftClosePolicy.NO_CAP, 100, 100);
        raise(1, 89);
        assertEquals(100, lot(1).end(), "89 < end - W = 90: outside the window");
        raise(2, 90);
        assertEquals(110, lot(2).end(), "90 = end - W: inside the window");
        assertEquals(1, lot(2).extensions());
    }

    @Test
    void r4TheEndMovesOnlyForward()
    {
        sale(SoftClosePolicy.NO_CAP, SoftClosePolicy.NO_CAP, 100);
        at(0);
        assertNull(rules.createAuction(2, Format.TIMED, "USD", 0, TiePolicy.EARLIEST_WINS, RetractionPolicy.NULL_VAL,
            new SoftClosePolicy(true, 50, 5, SoftClosePolicy.NO_CAP, SoftClosePolicy.NO_CAP), IncrementTable.DEFAULT));
        assertNull(rules.addLot(2, 1, 10_00, 0, 0, 100));
        assertNull(rules.registerBidder(2, 1, 1, 0));
        assertNull(rules.approveBidder(2, 1));
        at(60);
        assertNull(rules.maxBid(2, 1, 1, 10_00));
        assertEquals(100, rules.auction(2).lot(1).end(), "now + E = 65 is before the end: max(end, now + E)");
        assertEquals(0, rules.auction(2).lot(1).extensions());
    }

    @Test
    void r4ALotClosesExactlyAtItsEnd()
    {
        sale(SoftClosePolicy.NO_CAP, SoftClosePolicy.NO_CAP, 100);
        at(89);
        assertNull(rules.maxBid(A, 1, 1, 10_00));
        at(99);
        assertEquals(LotState.OPEN, lot(1).state());
        at(100);
        assertEquals(LotState.SOLD, lot(1).state(), "the deadline fires before a command stamped at the end");
        assertEquals(RejectReason.LOT_CLOSED, rules.maxBid(A, 1, 2, 20_00));
        assertEquals(Long.MAX_VALUE, rules.nextDeadline());
    }

    @Test
    void r4SeveralLotsKeepTheirDeadlinesAfterAnExtension()
    {
        sale(SoftClosePolicy.NO_CAP, SoftClosePolicy.NO_CAP, 100, 110, 120);
        raise(1, 95);
        assertEquals(115, lot(1).end());
        assertEquals(110, rules.nextDeadline(), "lot 2 is now due first");
        at(110);
        assertEquals(LotState.OPEN, lot(1).state());
        assertEquals(LotState.PASSED, lot(2).state());
        assertEquals(115, rules.nextDeadline());
        at(114);
        assertEquals(LotState.OPEN, lot(1).state());
        at(115);
        assertEquals(LotState.SOLD, lot(1).state());
        assertEquals(LotState.OPEN, lot(3).state());
        assertEquals(120, rules.nextDeadline());
    }

    @Test
    void r4LotsDueTogetherCloseInOrderOfEndThenAuctionThenLot()
    {
        sale(SoftClosePolicy.NO_CAP, SoftClosePolicy.NO_CAP, 100, 90, 100);
        at(0);
        assertNull(rules.createAuction(0 + 2, Format.TIMED, "USD", 0, TiePolicy.EARLIEST_WINS,
            RetractionPolicy.NULL_VAL, SoftClosePolicy.OFF, IncrementTable.DEFAULT));
        assertNull(rules.addLot(2, 1, 10_00, 0, 0, 100));
        sink.drain();
        at(500);
        assertEquals(java.util.List.of("LotPassed 2 NO_BIDS", "LotPassed 1 NO_BIDS", "LotPassed 3 NO_BIDS",
            "LotPassed 1 NO_BIDS"), sink.drain());
        assertEquals(LotState.PASSED, rules.auction(2).lot(1).state());
    }

    @Test
    void r4SoftCloseWithNoExtensionIsInvalid()
    {
        at(0);
        assertEquals(RejectReason.INVALID_SETTINGS, rules.createAuction(A, Format.TIMED, "USD", 0,
            TiePolicy.EARLIEST_WINS, RetractionPolicy.NULL_VAL, new SoftClosePolicy(true, 10, 0, 1, 1),
            IncrementTable.DEFAULT));
        assertEquals(RejectReason.INVALID_SETTINGS, rules.createAuction(A, Format.TIMED, "USD", 0,
            TiePolicy.EARLIEST_WINS, RetractionPolicy.NULL_VAL, new SoftClosePolicy(true, -1, 10, 1, 1),
            IncrementTable.DEFAULT));
        assertNull(rules.createAuction(A, Format.TIMED, "USD", 0, TiePolicy.EARLIEST_WINS, RetractionPolicy.NULL_VAL,
            new SoftClosePolicy(true, 0, 1, 0, 0), IncrementTable.DEFAULT));
    }

    @Test
    void r4RemovalsNeverExtendAndRetractionStopsAtTheWindow()
    {
        sale(SoftClosePolicy.NO_CAP, SoftClosePolicy.NO_CAP, 100);
        at(10);
        assertNull(rules.maxBid(A, 1, 1, 30_00));
        at(11);
        assertNull(rules.maxBid(A, 1, 2, 20_00));
        at(89);
        assertNull(rules.retract(A, 1, 2, new byte[0], 0));
        assertEquals(100, lot(1).end());
        assertEquals(10_00, lot(1).price(), "the leader alone: the start price");
        at(89);
        assertNull(rules.maxBid(A, 1, 2, 20_00));
        at(90);
        assertEquals(RejectReason.RETRACTION_NOT_ALLOWED, rules.retract(A, 1, 2, new byte[0], 0));
        assertEquals(RejectReason.NO_MAXIMUM, new TimedRulesTest().retractWithNoMaximum());
    }

    private RejectReason retractWithNoMaximum()
    {
        sale(SoftClosePolicy.NO_CAP, SoftClosePolicy.NO_CAP, 100);
        at(1);
        return rules.retract(A, 1, 3, new byte[0], 0);
    }

    @Test
    void r4AReserveNotMetPassesTheLot()
    {
        at(0);
        assertNull(rules.createAuction(A, Format.TIMED, "USD", 0, TiePolicy.EARLIEST_WINS, RetractionPolicy.NULL_VAL,
            SoftClosePolicy.OFF, IncrementTable.DEFAULT));
        assertNull(rules.addLot(A, 1, 10_00, 50_00, 0, 100));
        assertNull(rules.registerBidder(A, 1, 1, 0));
        assertNull(rules.approveBidder(A, 1));
        at(1);
        assertNull(rules.maxBid(A, 1, 1, 49_99));
        assertEquals(49_99, lot(1).price(), "below the reserve the price is the first maximum");
        at(100);
        assertEquals(LotState.PASSED, lot(1).state());
        assertEquals(PassReason.RESERVE_NOT_MET, lot(1).passReason());
    }

    @Test
    void r2EqualMaximumsUnderRejectEqualAndTheLeaderMayOnlyRaise()
    {
        at(0);
        assertNull(rules.createAuction(A, Format.TIMED, "USD", 0, TiePolicy.REJECT_EQUAL, RetractionPolicy.NULL_VAL,
            SoftClosePolicy.OFF, IncrementTable.DEFAULT));
        assertNull(rules.addLot(A, 1, 10_00, 0, 0, 100));
        for (long b = 1; b <= 2; b++)
        {
            assertNull(rules.registerBidder(A, b, b, 0));
            assertNull(rules.approveBidder(A, b));
        }
        at(1);
        assertNull(rules.maxBid(A, 1, 1, 30_00));
        assertEquals(RejectReason.CANNOT_LOWER_MAX, rules.maxBid(A, 1, 1, 30_00));
        assertEquals(RejectReason.BELOW_MINIMUM, rules.maxBid(A, 1, 2, 10_49));
        assertEquals(RejectReason.EQUAL_MAX_REJECTED, rules.maxBid(A, 1, 2, 30_00));
        assertNull(rules.maxBid(A, 1, 2, 29_99));
        assertEquals(30_00, lot(1).price(), "min(30.00, 29.99 + 1.00)");
    }

    @Test
    void r2ARemovalReplaysTheRestInSeqOrderAndPublishesOnlyAChange()
    {
        sale(SoftClosePolicy.NO_CAP, SoftClosePolicy.NO_CAP, 100);
        at(10);
        assertNull(rules.maxBid(A, 1, 1, 30_00));
        at(11);
        assertNull(rules.maxBid(A, 1, 3, 22_00));
        at(12);
        assertNull(rules.maxBid(A, 1, 2, 29_00));
        assertEquals(30_00, lot(1).price());
        at(13);
        sink.drain();
        assertNull(rules.retract(A, 1, 3, new byte[0], 0));
        assertEquals(30_00, lot(1).price(), "1 and 2 placed again: min(30.00, 29.00 + 1.00)");
        assertEquals(0, sink.count("PriceChanged"), "nothing public changed");
        sink.drain();
        at(14);
        assertNull(rules.retract(A, 1, 2, new byte[0], 0));
        assertEquals(java.util.List.of("BidRetracted 1 bidder=2", "PriceChanged 1 leader=1 price=1000"),
            sink.drain());
        assertEquals(1, rules.auction(A).bidder(2).retractions());
    }

    @Test
    void r4TheLeaderRaisingInTheWindowDoesNotExtendAndAnExtensionIsPublished()
    {
        sale(SoftClosePolicy.NO_CAP, SoftClosePolicy.NO_CAP, 100);
        at(95);
        assertNull(rules.maxBid(A, 1, 1, 20_00));
        assertEquals(java.util.List.of("BidAccepted 1 PROXY bidder=1 leader=1 price=1000 ask=1050 v0",
            "EndExtended 1 end=115 n=1"), sink.drain());
        at(96);
        assertNull(rules.maxBid(A, 1, 1, 25_00));
        assertEquals(115, lot(1).end(), "neither price nor leader changed");
        assertEquals(1, lot(1).extensions());
    }

    @Test
    void r2BuyNowWhileTheReserveIsNotMetSellsAtOnceAndTheDeadlineIsGone()
    {
        at(0);
        assertNull(rules.createAuction(A, Format.TIMED, "USD", 0, TiePolicy.EARLIEST_WINS, RetractionPolicy.NULL_VAL,
            SoftClosePolicy.OFF, IncrementTable.DEFAULT));
        assertNull(rules.addLot(A, 1, 10_00, 50_00, 80_00, 100));
        assertNull(rules.addLot(A, 2, 10_00, 50_00, 80_00, 100));
        assertNull(rules.addLot(A, 3, 10_00, 0, 80_00, 100));
        for (long b = 1; b <= 2; b++)
        {
            assertNull(rules.registerBidder(A, b, b, b == 1 ? 100_00 : 0));
            assertNull(rules.approveBidder(A, b));
        }
        at(1);
        assertNull(rules.maxBid(A, 1, 1, 40_00));
        at(2);
        assertNull(rules.maxBid(A, 2, 1, 50_00));
        at(3);
        assertNull(rules.maxBid(A, 3, 2, 11_00));
        assertEquals(90_00, rules.auction(A).bidder(1).exposure());
        at(4);
        assertEquals(RejectReason.BUY_NOW_UNAVAILABLE, rules.buyNow(A, 2, 2), "the reserve is met");
        assertEquals(RejectReason.BUY_NOW_UNAVAILABLE, rules.buyNow(A, 3, 1), "no reserve, and a bid");
        sink.drain();
        assertNull(rules.buyNow(A, 1, 2), "bids, but the reserve is not met");
        assertEquals(java.util.List.of("BidAccepted 1 BUY_NOW bidder=2 leader=2 price=8000 ask=0 v0",
            "Outbid 1 bidder=1 price=8000", "LotSold 1 bidder=2 price=8000 invoice=8000 sale=1", "LotWon 1 bidder=2"),
            sink.drain());
        assertEquals(50_00, rules.auction(A).bidder(1).exposure(), "no longer leading lot 1");
        at(200);
        assertEquals(java.util.List.of("LotSold 2 bidder=1 price=5000 invoice=5000 sale=1", "LotWon 2 bidder=1",
            "LotSold 3 bidder=2 price=1000 invoice=1000 sale=1", "LotWon 3 bidder=2"), sink.drain(),
            "lot 1 does not close again");
    }

    @Test
    void r7ATimedSalePassesDownTheBookAtEachMaximum()
    {
        sale(SoftClosePolicy.NO_CAP, SoftClosePolicy.NO_CAP, 100);
        at(10);
        assertNull(rules.maxBid(A, 1, 1, 30_00));
        at(11);
        assertNull(rules.maxBid(A, 1, 2, 20_00));
        at(100);
        assertEquals(20_50, lot(1).salePrice(), "min(30.00, 20.00 + 0.50)");
        assertNull(rules.settlementResult(A, 1, io.gavel.sbe.PaymentResult.FAILED));
        assertEquals(2, lot(1).winnerId());
        assertEquals(20_00, lot(1).salePrice(), "the runner-up at its maximum");
        assertEquals(2, lot(1).saleNumber());
        at(101);
        assertNull(rules.settlementResult(A, 1, io.gavel.sbe.PaymentResult.FAILED));
        assertEquals(LotState.PASSED, lot(1).state());
        assertEquals(PassReason.DEFAULTED, lot(1).passReason());
    }
}
