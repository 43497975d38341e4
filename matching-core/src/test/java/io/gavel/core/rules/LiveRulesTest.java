package io.gavel.core.rules;

import io.gavel.sbe.BidSource;
import io.gavel.sbe.Format;
import io.gavel.sbe.LotState;
import io.gavel.sbe.PassReason;
import io.gavel.sbe.PaymentResult;
import io.gavel.sbe.RejectReason;
import io.gavel.sbe.RetractionPolicy;
import io.gavel.sbe.Role;
import io.gavel.sbe.TiePolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LIVE lots through {@link AuctionRules} directly: RULES.md R3 (ladder, commission bids, suspension, reopen), R5
 * (exposure of holders, commission maximums and wins, with premium) and R7 (invoice rounding).
 */
class LiveRulesTest
{
    static final long A = 1;
    private final RecordingSink sink = new RecordingSink();
    private final AuctionRules rules = new AuctionRules(sink);
    private long seq;

    @BeforeEach
    void setUp()
    {
        at(0);
        assertNull(rules.createAuction(A, Format.LIVE, "EUR", 1_750, TiePolicy.EARLIEST_WINS,
            RetractionPolicy.NULL_VAL, SoftClosePolicy.OFF,
            IncrementTable.of(new long[]{0, 100_00}, new long[]{5_00, 10_00}, 2)));
        for (long lot = 1; lot <= 3; lot++)
        {
            assertNull(rules.addLot(A, lot, 50_00, 0, 0, 0));
        }
        for (long b = 1; b <= 4; b++)
        {
            assertNull(rules.registerBidder(A, b, 100 + b, b == 4 ? 200_00 : 0));
            assertNull(rules.approveBidder(A, b));
        }
        sink.drain();
    }

    private void at(final long time)
    {
        rules.begin(++seq, time, 1, Role.ADMIN);
    }

    private Lot lot(final long id)
    {
        return rules.auction(A).lot(id);
    }

    @Test
    void r3OnlyOneLotOpenAtATime()
    {
        at(1);
        assertNull(rules.openLot(A, 1));
        assertEquals(RejectReason.ANOTHER_LOT_OPEN, rules.openLot(A, 2));
        assertEquals(RejectReason.LOT_ALREADY_OPEN, rules.openLot(A, 1));
        assertNull(rules.hammer(A, 1));
        assertNull(rules.openLot(A, 2));
        assertEquals(RejectReason.LOT_CLOSED, rules.openLot(A, 1));
    }

    @Test
    void r3NoCommissionBidsAfterOpenAndAskVersionRules()
    {
        at(1);
        assertNull(rules.openLot(A, 1));
        assertEquals(50_00, lot(1).ask());
        assertEquals(1, lot(1).askVersion());
        assertEquals(RejectReason.COMMISSION_CLOSED, rules.maxBid(A, 1, 1, 90_00));
        // A bid with the current version and amount wins; the same bid again is ALREADY_LEADING.
        assertNull(rules.liveBid(A, 1, 1, 50_00, 1));
        assertEquals(RejectReason.ALREADY_LEADING, rules.liveBid(A, 1, 1, 55_00, 2));
        assertEquals(RejectReason.ASK_MOVED, rules.liveBid(A, 1, 2, 55_00, 1));
        assertNull(rules.liveBid(A, 1, 2, 55_00, 2));
        // The jump bumps the version even though only the clerk moved the ask.
        assertNull(rules.jumpAsk(A, 1, 80_00));
        assertEquals(3 + 1, lot(1).askVersion());
        assertEquals(RejectReason.ASK_MOVED, rules.liveBid(A, 1, 1, 80_00, 3));
        assertNull(rules.liveBid(A, 1, 1, 80_00, 4));
        assertEquals(85_00, lot(1).ask());
    }

    @Test
    void r3SuspensionRemovesCommissionButAcceptedBidsStand()
    {
        at(1);
        assertNull(rules.maxBid(A, 1, 3, 200_00));
        assertNull(rules.openLot(A, 1));
        assertEquals(3, lot(1).leaderId());
        assertNull(rules.liveBid(A, 1, 1, 55_00, 0));
        assertEquals(3, lot(1).leaderId(), "the commission answers automatically");
        assertNull(rules.suspendBidder(A, 3));
        assertEquals(3, lot(1).leaderId(), "the accepted automatic bid stands");
        assertNull(rules.liveBid(A, 1, 1, lot(1).ask(), 0));
        assertEquals(1, lot(1).leaderId(), "no more automatic bids from a suspended bidder");
        assertEquals(RejectReason.NOT_APPROVED, rules.liveBid(A, 1, 3, lot(1).ask(), 0));
    }

    @Test
    void r5ExposureCountsHoldersCommissionMaximumsAndWinsWithPremium()
    {
        // Bidder 4 has a limit of 200.00 and the premium is 17.5%.
        at(1);
        // A commission maximum on a lot not yet open counts: 100.00 + 17.50.
        assertNull(rules.maxBid(A, 2, 4, 100_00));
        assertEquals(117_50, rules.auction(A).bidder(4).exposure());
        // 117.50 + 70.50 (60.00 with premium) = 188.00 fits; 117.50 + 82.25 (70.00) = 199.75 fits; 80.00 does not.
        assertEquals(RejectReason.OVER_LIMIT, rules.maxBid(A, 3, 4, 80_00));
        assertNull(rules.openLot(A, 1));
        assertNull(rules.liveBid(A, 1, 4, 50_00, 0));
        assertEquals(117_50 + 58_75, rules.auction(A).bidder(4).exposure());
        // Bidding on the lot it holds is ALREADY_LEADING before any limit; another bidder outbids it.
        assertNull(rules.liveBid(A, 1, 1, 55_00, 0));
        assertEquals(117_50, rules.auction(A).bidder(4).exposure(), "no longer holding lot 1");
        // The new bid replaces its own exposure on the lot: 117.50 + 70.50.
        assertNull(rules.liveBid(A, 1, 4, 60_00, 0));
        assertEquals(RejectReason.OVER_LIMIT, rules.maxBid(A, 3, 4, 50_00), "188.00 + 58.75 > 200.00");
        assertNull(rules.hammer(A, 1));
        // Won lots count too, at the hammer price with premium.
        assertEquals(117_50 + 70_50, rules.auction(A).bidder(4).exposure());
        // Lot 2 opens: the commission maximum becomes the held price (50.00, the start): 58.75.
        assertNull(rules.openLot(A, 2));
        assertEquals(70_50 + 58_75, rules.auction(A).bidder(4).exposure());
    }

    @Test
    void r7InvoiceRoundsPremiumHalfUp()
    {
        at(1);
        assertNull(rules.openLot(A, 1));
        assertNull(rules.liveBid(A, 1, 1, 50_00, 0));
        assertNull(rules.liveBid(A, 1, 2, 55_00, 0));
        assertNull(rules.jumpAsk(A, 1, 60_02));
        assertNull(rules.liveBid(A, 1, 1, 60_02, 0));
        sink.drain();
        assertNull(rules.hammer(A, 1));
        // 60.02 x 17.5% = 10.5035 -> 10.50; invoice 70.52.
        assertTrue(sink.events.contains("LotSold 1 bidder=1 price=6002 invoice=7052 sale=1"), sink.events.toString());
        assertNull(rules.settlementResult(A, 1, PaymentResult.FAILED));
        // The under-bidder at their last accepted bid.
        assertEquals(LotState.SOLD, lot(1).state());
        assertEquals(2, lot(1).winnerId());
        assertEquals(55_00, lot(1).salePrice());
        assertEquals(RejectReason.REOPEN_NOT_ALLOWED, rules.reopen(A, 1));
    }

    @Test
    void r3ReopenRestoresTheLotAsItWasAtTheHammer()
    {
        at(1);
        assertNull(rules.maxBid(A, 1, 3, 70_00));
        assertNull(rules.openLot(A, 1));
        assertEquals(55_00, lot(1).ask(), "bidder 3's commission holds the start price");
        assertNull(rules.liveBid(A, 1, 1, 55_00, 0));
        assertEquals(3, lot(1).leaderId(), "the commission answers at 60.00");
        final long ask = lot(1).ask();
        final int version = lot(1).askVersion();
        assertNull(rules.hammer(A, 1));
        assertEquals(3, lot(1).winnerId());
        assertNull(rules.reopen(A, 1));
        assertEquals(LotState.OPEN, lot(1).state());
        assertEquals(3, lot(1).leaderId());
        assertEquals(ask, lot(1).ask());
        assertEquals(version, lot(1).askVersion());
        assertEquals(60_00, lot(1).price());
        sink.drain();
        // ... and the commission book is back: bidder 3 answers 65.00 with 70.00.
        assertNull(rules.liveBid(A, 1, 1, ask, 0));
        final List<String> events = sink.drain();
        assertTrue(events.stream().anyMatch(e -> e.startsWith("BidAccepted 1 " + BidSource.COMMISSION +
            " bidder=3 leader=3 price=7000")), events.toString());
    }

    @Test
    void r2CommissionMaximumsMustReachTheMinimumAcceptableBid()
    {
        at(1);
        assertEquals(RejectReason.BELOW_MINIMUM, rules.maxBid(A, 1, 1, 49_99), "below the start");
        assertNull(rules.maxBid(A, 1, 1, 60_00));
        assertEquals(50_00, lot(1).commissionPrice(), "one maximum: the start price");
        // The book has a leader: the minimum is price + inc(price) = 55.00.
        assertEquals(RejectReason.BELOW_MINIMUM, rules.maxBid(A, 1, 2, 54_99));
        assertNull(rules.maxBid(A, 1, 2, 55_00));
        assertEquals(60_00, lot(1).commissionPrice(), "min(60.00, 55.00 + 5.00)");
        assertEquals(1, lot(1).commissionLeader());
        // The leader may only raise, and a raise must also reach the minimum (65.00).
        assertEquals(RejectReason.CANNOT_LOWER_MAX, rules.maxBid(A, 1, 1, 60_00));
        assertEquals(RejectReason.BELOW_MINIMUM, rules.maxBid(A, 1, 1, 64_99));
        assertEquals(RejectReason.BELOW_MINIMUM, rules.maxBid(A, 1, 3, 64_99));
        assertNull(rules.maxBid(A, 1, 3, 65_00));
        assertEquals(3, lot(1).commissionLeader());
        assertEquals(65_00, lot(1).commissionPrice(), "min(65.00, 60.00 + 5.00)");
    }

    @Test
    void r2CommissionTiesUnderRejectEqual()
    {
        at(1);
        assertNull(rules.createAuction(2, Format.LIVE, "EUR", 0, TiePolicy.REJECT_EQUAL, RetractionPolicy.NULL_VAL,
            SoftClosePolicy.OFF, IncrementTable.DEFAULT));
        assertNull(rules.addLot(2, 1, 10_00, 0, 0, 0));
        for (long b = 1; b <= 2; b++)
        {
            assertNull(rules.registerBidder(2, b, b, 0));
            assertNull(rules.approveBidder(2, b));
        }
        assertNull(rules.maxBid(2, 1, 1, 30_00));
        assertEquals(RejectReason.EQUAL_MAX_REJECTED, rules.maxBid(2, 1, 2, 30_00));
        assertEquals(RejectReason.CANNOT_LOWER_MAX, rules.maxBid(2, 1, 1, 30_00));
        assertNull(rules.maxBid(2, 1, 2, 30_01));
        assertEquals(2, rules.auction(2).lot(1).commissionLeader());
    }

    @Test
    void r1OverrideAppliesToTheBandOfTheAskWhenNoOneHolds()
    {
        at(1);
        assertNull(rules.openLot(A, 1));
        assertEquals(RejectReason.INVALID_SETTINGS, rules.setIncrement(A, 1, 0));
        assertEquals(RejectReason.INVALID_SETTINGS, rules.setIncrement(A, 1, -5_00));
        assertEquals(RejectReason.LOT_NOT_OPEN, rules.setIncrement(A, 2, 0), "the lot's state is checked first");
        // No holder, ask jumped to 120.00: the band is the ask's (from 100.00), not the start price's.
        assertNull(rules.jumpAsk(A, 1, 120_00));
        assertNull(rules.setIncrement(A, 1, 20_00));
        assertEquals(120_00, lot(1).ask(), "no holder: the ask stays");
        assertEquals(3, lot(1).askVersion(), "open, jump and override each bump the version");
        assertNull(rules.liveBid(A, 1, 1, 120_00, 3));
        assertEquals(140_00, lot(1).ask(), "120.00 + the overridden 20.00");
    }

    @Test
    void r1OverrideAppliesToTheBandOfThePriceWhenSomeoneHolds()
    {
        at(1);
        assertNull(rules.openLot(A, 1));
        assertNull(rules.liveBid(A, 1, 1, 50_00, 0));
        assertNull(rules.jumpAsk(A, 1, 150_00));
        assertNull(rules.setIncrement(A, 1, 1_00));
        assertEquals(51_00, lot(1).ask(), "the price 50.00 is in the first band; its increment is now 1.00");
        assertNull(rules.liveBid(A, 1, 2, 51_00, 0));
        assertEquals(52_00, lot(1).ask());
    }

    @Test
    void r3CommissionPlacementRunsAfterTheClerkOverridesTheIncrement()
    {
        at(1);
        assertNull(rules.maxBid(A, 1, 3, 87_00));
        assertNull(rules.openLot(A, 1));
        for (long ask = 55_00; ask <= 85_00; ask += 10_00)
        {
            assertNull(rules.liveBid(A, 1, 1, ask, 0));
        }
        assertEquals(1, lot(1).leaderId(), "the commission (87.00) does not cover 90.00");
        assertEquals(90_00, lot(1).ask());
        sink.drain();
        assertNull(rules.setIncrement(A, 1, 2_00));
        assertEquals(3, lot(1).leaderId(), "the new ask 87.00 is covered: placed automatically");
        assertEquals(87_00, lot(1).price());
        assertTrue(sink.drain().contains("BidAccepted 1 COMMISSION bidder=3 leader=3 price=8700 ask=8900 v" +
            lot(1).askVersion()));
    }

    @Test
    void r3AnAskVersionOtherThanTheCurrentOneIsAskMoved()
    {
        at(1);
        assertNull(rules.openLot(A, 1));
        assertEquals(RejectReason.ASK_MOVED, rules.liveBid(A, 1, 1, 50_00, 2), "never issued (yet)");
        assertEquals(RejectReason.ASK_MOVED, rules.liveBid(A, 1, 1, 50_00, -1), "never issued");
        assertEquals(RejectReason.NOT_AT_ASK, rules.liveBid(A, 1, 1, 50_01, 1));
        assertEquals(RejectReason.ASK_MOVED, rules.liveBid(A, 1, 1, 49_99, 1));
        assertNull(rules.liveBid(A, 1, 1, 50_00, 1));
        assertEquals(RejectReason.ALREADY_LEADING, rules.liveBid(A, 1, 1, 55_00, 1), "holding comes first");
    }

    @Test
    void r3ReopenReasons()
    {
        at(1);
        assertEquals(RejectReason.REOPEN_NOT_ALLOWED, rules.reopen(A, 1), "SCHEDULED");
        assertNull(rules.openLot(A, 1));
        assertEquals(RejectReason.LOT_ALREADY_OPEN, rules.reopen(A, 1), "OPEN");
        assertNull(rules.fairWarning(A, 1));
        assertEquals(LotState.GOING, lot(1).state());
        assertEquals(RejectReason.LOT_ALREADY_OPEN, rules.reopen(A, 1), "GOING");
        assertNull(rules.liveBid(A, 1, 1, 50_00, 0));
        assertEquals(LotState.OPEN, lot(1).state(), "an accepted bid returns a GOING lot to OPEN");
        assertNull(rules.hammer(A, 1));
        assertEquals(LotState.SOLD, lot(1).state());
        assertNull(rules.openLot(A, 2));
        assertNull(rules.hammer(A, 2));
        assertEquals(RejectReason.REOPEN_NOT_ALLOWED, rules.reopen(A, 1), "another lot opened since");
        assertNull(rules.reopen(A, 2));
        assertNull(rules.hammer(A, 2));
        assertEquals(PassReason.NO_BIDS, lot(2).passReason());
        assertEquals(RejectReason.LOT_NOT_SOLD, rules.settlementResult(A, 2, PaymentResult.PAID));
        assertNull(rules.openLot(A, 3));
        assertNull(rules.liveBid(A, 1 + 2, 1, 50_00, 0));
        assertNull(rules.hammer(A, 3));
        assertNull(rules.settlementResult(A, 3, PaymentResult.PAID));
        assertEquals(RejectReason.REOPEN_NOT_ALLOWED, rules.reopen(A, 3), "payment reported");
        assertEquals(RejectReason.ALREADY_SETTLED, rules.settlementResult(A, 3, PaymentResult.PAID));
    }

    @Test
    void r3HammerWithAReserveNotMetPassesAndMetSells()
    {
        at(1);
        assertNull(rules.addLot(A, 9, 50_00, 60_00, 0, 0));
        assertNull(rules.addLot(A, 10, 50_00, 60_00, 0, 0));
        assertNull(rules.openLot(A, 9));
        assertNull(rules.liveBid(A, 9, 1, 50_00, 0));
        assertNull(rules.liveBid(A, 9, 2, 55_00, 0));
        assertNull(rules.hammer(A, 9));
        assertEquals(PassReason.RESERVE_NOT_MET, rules.auction(A).lot(9).passReason());
        assertNull(rules.openLot(A, 10));
        assertNull(rules.liveBid(A, 10, 1, 50_00, 0));
        assertNull(rules.jumpAsk(A, 10, 60_00));
        assertNull(rules.liveBid(A, 10, 2, 60_00, 0));
        assertNull(rules.hammer(A, 10));
        assertEquals(LotState.SOLD, rules.auction(A).lot(10).state(), "a price equal to the reserve sells");
        assertEquals(60_00, rules.auction(A).lot(10).salePrice());
        assertEquals(2, rules.auction(A).lot(10).winnerId());
    }

    @Test
    void r7PassDownBetweenEqualAmountsTakesTheEarlierSeqThenDefaults()
    {
        at(1);
        assertNull(rules.maxBid(A, 1, 2, 70_00));
        at(2);
        assertNull(rules.maxBid(A, 1, 3, 70_00));
        at(3);
        assertNull(rules.openLot(A, 1));
        assertEquals(2, lot(1).leaderId(), "earliest wins the tie");
        assertEquals(70_00, lot(1).price());
        assertNull(rules.liveBid(A, 1, 1, 75_00, 0));
        assertNull(rules.hammer(A, 1));
        assertNull(rules.settlementResult(A, 1, PaymentResult.FAILED));
        assertEquals(2, lot(1).winnerId(), "two losers at 70.00: the earlier seq");
        assertEquals(70_00, lot(1).salePrice());
        assertNull(rules.settlementResult(A, 1, PaymentResult.FAILED));
        assertEquals(3, lot(1).winnerId());
        assertNull(rules.settlementResult(A, 1, PaymentResult.FAILED));
        assertEquals(LotState.PASSED, lot(1).state(), "no one left");
        assertEquals(PassReason.DEFAULTED, lot(1).passReason());
        assertEquals(RejectReason.ALREADY_SETTLED, rules.settlementResult(A, 1, PaymentResult.PAID));
        assertEquals(1, rules.auction(A).bidder(1).strikes());
    }

    @Test
    void r7PassDownSkipsSuspendedBidders()
    {
        at(1);
        assertNull(rules.openLot(A, 1));
        assertNull(rules.liveBid(A, 1, 1, 50_00, 0));
        assertNull(rules.liveBid(A, 1, 2, 55_00, 0));
        assertNull(rules.liveBid(A, 1, 3, 60_00, 0));
        assertNull(rules.hammer(A, 1));
        assertNull(rules.suspendBidder(A, 2));
        assertNull(rules.settlementResult(A, 1, PaymentResult.FAILED));
        assertEquals(1, lot(1).winnerId(), "2 is suspended: 1 at 50.00");
        assertEquals(50_00, lot(1).salePrice());
    }

    @Test
    void r5ALiveBidOverTheLimitAndAHeldLotCountingOnce()
    {
        // Bidder 4: limit 200.00, premium 17.5 %.
        at(1);
        assertNull(rules.maxBid(A, 2, 4, 100_00));
        assertNull(rules.maxBid(A, 2, 4, 170_00));
        assertEquals(199_75, rules.auction(A).bidder(4).exposure(), "the raised maximum replaces the old one");
        assertEquals(RejectReason.OVER_LIMIT, rules.maxBid(A, 3, 4, 50_00));
        assertNull(rules.openLot(A, 1));
        assertEquals(RejectReason.OVER_LIMIT, rules.liveBid(A, 1, 4, 50_00, 0));
    }

    @Test
    void r5ALiveBidAtTheLimitIsAcceptedAboveItIsNot()
    {
        at(1);
        assertNull(rules.openLot(A, 1));
        assertNull(rules.jumpAsk(A, 1, 170_22));
        // 170.22 + 29.79 = 200.01: one cent over the limit of 200.00.
        assertEquals(RejectReason.OVER_LIMIT, rules.liveBid(A, 1, 4, 170_22, 0));
        assertNull(rules.hammer(A, 1));
        assertNull(rules.openLot(A, 2));
        assertNull(rules.jumpAsk(A, 2, 170_21));
        // 170.21 + 29.79 = 200.00: exactly the limit.
        assertNull(rules.liveBid(A, 2, 4, 170_21, 0));
        assertEquals(200_00, rules.auction(A).bidder(4).exposure());
    }

    @Test
    void r5ACommissionBidMayBeRetractedWhileTheLotIsScheduled()
    {
        at(1);
        assertNull(rules.createAuction(2, Format.LIVE, "EUR", 0, TiePolicy.EARLIEST_WINS,
            RetractionPolicy.BEFORE_WINDOW, SoftClosePolicy.OFF, IncrementTable.of(new long[]{0}, new long[]{5_00}, 1)));
        assertNull(rules.addLot(2, 1, 50_00, 0, 0, 0));
        for (long b = 1; b <= 2; b++)
        {
            assertNull(rules.registerBidder(2, b, b, b == 1 ? 1_000_00 : 0));
            assertNull(rules.approveBidder(2, b));
        }
        assertNull(rules.maxBid(2, 1, 1, 60_00));
        assertNull(rules.maxBid(2, 1, 2, 55_00));
        final Lot lot = rules.auction(2).lot(1);
        assertEquals(60_00, lot.commissionPrice());
        assertEquals(60_00, rules.auction(2).bidder(1).exposure());
        assertNull(rules.retract(2, 1, 1, new byte[0], 0));
        assertEquals(2, lot.commissionLeader());
        assertEquals(50_00, lot.commissionPrice(), "one maximum left: the start");
        assertEquals(0, rules.auction(2).bidder(1).exposure());
        assertEquals(1, rules.auction(2).bidder(1).retractions());
        assertEquals(RejectReason.NO_MAXIMUM, rules.retract(2, 1, 1, new byte[0], 0));
        assertNull(rules.openLot(2, 1));
        assertEquals(RejectReason.RETRACTION_NOT_ALLOWED, rules.retract(2, 1, 2, new byte[0], 0));
        assertEquals(2, lot.leaderId());
        assertEquals(50_00, lot.price());
    }

    @Test
    void r3ReopenKeepsTheHoldersExposureAndIsPublished()
    {
        at(1);
        assertNull(rules.openLot(A, 1));
        assertNull(rules.liveBid(A, 1, 4, 50_00, 0));
        assertNull(rules.hammer(A, 1));
        assertEquals(58_75, rules.auction(A).bidder(4).exposure());
        sink.drain();
        assertNull(rules.reopen(A, 1));
        assertEquals(List.of("LotReopened 1 holder=4 price=5000 ask=5500"), sink.drain());
        assertEquals(58_75, rules.auction(A).bidder(4).exposure(), "held at the price instead of won: once");
    }

    @Test
    void r3WithdrawingAnotherLotKeepsTheLotClosedLastReopenable()
    {
        at(1);
        assertNull(rules.openLot(A, 1));
        assertNull(rules.hammer(A, 1));
        assertNull(rules.withdrawLot(A, 2));
        assertNull(rules.reopen(A, 1));
        assertNull(rules.hammer(A, 1));
        assertNull(rules.withdrawLot(A, 1) == null ? RejectReason.LOT_CLOSED : null);
        assertEquals(RejectReason.LOT_CLOSED, rules.withdrawLot(A, 1));
    }
}
