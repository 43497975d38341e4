package io.gavel.core.rules;

import io.gavel.sbe.BidSource;
import io.gavel.sbe.Format;
import io.gavel.sbe.LotState;
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
}
