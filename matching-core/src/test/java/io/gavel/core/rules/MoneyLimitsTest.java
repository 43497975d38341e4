package io.gavel.core.rules;

import io.gavel.sbe.Format;
import io.gavel.sbe.RejectReason;
import io.gavel.sbe.RetractionPolicy;
import io.gavel.sbe.Role;
import io.gavel.sbe.TiePolicy;
import org.junit.jupiter.api.Test;

import static io.gavel.core.rules.Money.MAX_AMOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The largest amount ({@link Money#MAX_AMOUNT}): settings above it are INVALID_SETTINGS, bids above it
 * AMOUNT_TOO_LARGE, and everything published at the boundary (ask, price, invoice, exposure) stays positive.
 */
class MoneyLimitsTest
{
    private final RecordingSink sink = new RecordingSink();
    private final AuctionRules rules = new AuctionRules(sink);
    private long seq;

    private void at(final long time)
    {
        rules.begin(++seq, time, 1, Role.ADMIN);
    }

    private void auction(final long id, final Format format, final int premiumBps)
    {
        assertNull(rules.createAuction(id, format, "USD", premiumBps, TiePolicy.EARLIEST_WINS,
            RetractionPolicy.NULL_VAL, SoftClosePolicy.OFF, IncrementTable.DEFAULT));
    }

    @Test
    void settingsAboveTheLargestAmountAreInvalid()
    {
        at(0);
        auction(1, Format.TIMED, 0);
        auction(2, Format.LIVE, 0);
        assertEquals(RejectReason.INVALID_SETTINGS, rules.addLot(1, 1, MAX_AMOUNT + 1, 0, 0, 100));
        assertEquals(RejectReason.INVALID_SETTINGS, rules.addLot(1, 1, 1, MAX_AMOUNT + 1, 0, 100));
        assertEquals(RejectReason.INVALID_SETTINGS, rules.addLot(1, 1, 1, 0, MAX_AMOUNT + 1, 100));
        assertEquals(RejectReason.INVALID_SETTINGS, rules.addLot(1, 1, Long.MAX_VALUE - 10, 0, 0, 100));
        assertNull(rules.addLot(1, 1, MAX_AMOUNT, MAX_AMOUNT, MAX_AMOUNT, 100));
        assertEquals(RejectReason.INVALID_SETTINGS, rules.registerBidder(1, 1, 1, MAX_AMOUNT + 1));
        assertNull(rules.registerBidder(1, 1, 1, MAX_AMOUNT));
        assertEquals(null, IncrementTable.of(new long[]{0}, new long[]{MAX_AMOUNT + 1}, 1));
        assertEquals(null, IncrementTable.of(new long[]{0, MAX_AMOUNT + 1}, new long[]{1, 1}, 2));
        assertTrue(IncrementTable.of(new long[]{0, MAX_AMOUNT}, new long[]{1, MAX_AMOUNT}, 2) != null);
        assertEquals(RejectReason.INVALID_SETTINGS, rules.createAuction(3, Format.TIMED, "USD",
            Money.BPS_PER_UNIT + 1, TiePolicy.EARLIEST_WINS, RetractionPolicy.NULL_VAL, SoftClosePolicy.OFF,
            IncrementTable.DEFAULT));
        assertEquals(RejectReason.INVALID_SETTINGS, rules.createAuction(3, Format.TIMED, "USD", -1,
            TiePolicy.EARLIEST_WINS, RetractionPolicy.NULL_VAL, SoftClosePolicy.OFF, IncrementTable.DEFAULT));

        assertNull(rules.addLot(2, 1, MAX_AMOUNT - 10, 0, 0, 0));
        assertNull(rules.openLot(2, 1));
        assertEquals(RejectReason.INVALID_SETTINGS, rules.jumpAsk(2, 1, MAX_AMOUNT + 1));
        assertEquals(RejectReason.INVALID_SETTINGS, rules.setIncrement(2, 1, MAX_AMOUNT + 1));
        assertNull(rules.jumpAsk(2, 1, MAX_AMOUNT));
        assertNull(rules.setIncrement(2, 1, MAX_AMOUNT));
    }

    @Test
    void bidsAboveTheLargestAmountAreTooLarge()
    {
        at(0);
        auction(1, Format.TIMED, 0);
        auction(2, Format.LIVE, 0);
        assertNull(rules.addLot(1, 1, 1_00, 0, 0, 100));
        assertNull(rules.addLot(2, 1, 1_00, 0, 0, 0));
        assertNull(rules.addLot(2, 2, 1_00, 0, 0, 0));
        for (long auction = 1; auction <= 2; auction++)
        {
            assertNull(rules.registerBidder(auction, 1, 1, 0));
            assertNull(rules.approveBidder(auction, 1));
        }
        assertEquals(RejectReason.AMOUNT_TOO_LARGE, rules.maxBid(1, 1, 1, MAX_AMOUNT + 1));
        assertEquals(RejectReason.AMOUNT_TOO_LARGE, rules.maxBid(1, 1, 1, Long.MAX_VALUE));
        assertEquals(RejectReason.AMOUNT_TOO_LARGE, rules.maxBid(2, 1, 1, MAX_AMOUNT + 1), "a commission bid");
        assertNull(rules.maxBid(1, 1, 1, MAX_AMOUNT));
        assertNull(rules.maxBid(2, 1, 1, MAX_AMOUNT));
        assertNull(rules.openLot(2, 2));
        assertEquals(RejectReason.AMOUNT_TOO_LARGE, rules.liveBid(2, 2, 1, MAX_AMOUNT + 1, 0));
        assertEquals(RejectReason.AMOUNT_TOO_LARGE, rules.floorBid(2, 2, 1, Long.MAX_VALUE, 0));
    }

    @Test
    void whatIsPublishedAtTheLargestAmountStaysPositive()
    {
        at(0);
        auction(1, Format.LIVE, Money.BPS_PER_UNIT);
        final IncrementTable coarse = IncrementTable.of(new long[]{0}, new long[]{MAX_AMOUNT}, 1);
        assertNull(rules.createAuction(2, Format.TIMED, "USD", Money.BPS_PER_UNIT, TiePolicy.EARLIEST_WINS,
            RetractionPolicy.NULL_VAL, SoftClosePolicy.OFF, coarse));
        assertNull(rules.addLot(1, 1, MAX_AMOUNT, 0, 0, 0));
        assertNull(rules.addLot(2, 1, MAX_AMOUNT, 0, 0, 100));
        for (long auction = 1; auction <= 2; auction++)
        {
            assertNull(rules.registerBidder(auction, 1, 1, MAX_AMOUNT));
            assertNull(rules.approveBidder(auction, 1));
            assertNull(rules.registerBidder(auction, 2, 2, 0));
            assertNull(rules.approveBidder(auction, 2));
        }
        assertNull(rules.openLot(1, 1));
        assertNull(rules.liveBid(1, 1, 2, MAX_AMOUNT, 0));
        final Lot live = rules.auction(1).lot(1);
        assertEquals(MAX_AMOUNT + 10_000, live.ask(), "above the largest amount but representable");
        assertEquals(RejectReason.AMOUNT_TOO_LARGE, rules.liveBid(1, 1, 1, live.ask(), 0));
        assertNull(rules.hammer(1, 1));
        assertTrue(sink.events.contains("LotSold 1 bidder=2 price=" + MAX_AMOUNT + " invoice=" + 2 * MAX_AMOUNT +
            " sale=1"), sink.events.toString());

        // A limit of MAX_AMOUNT with a 100 % premium: a bid of MAX_AMOUNT counts twice over it.
        at(1);
        assertEquals(RejectReason.OVER_LIMIT, rules.maxBid(2, 1, 1, MAX_AMOUNT));
        assertNull(rules.maxBid(2, 1, 2, MAX_AMOUNT));
        assertEquals(MAX_AMOUNT + MAX_AMOUNT, rules.auction(2).lot(1).minimumBid());
        assertEquals(RejectReason.AMOUNT_TOO_LARGE, rules.maxBid(2, 1, 1, MAX_AMOUNT + 1));
        at(100);
        assertEquals(2, sink.count("LotSold 1 bidder=2 price=" + MAX_AMOUNT + " invoice=" + 2 * MAX_AMOUNT));
    }

    @Test
    void exposureOfTheLargestSaleFitsALong()
    {
        // Every lot of the largest auction led at the largest amount with a 100 % premium, plus the new bid.
        final long worst = (Money.MAX_LOTS_PER_AUCTION + 1L) * Money.withPremium(MAX_AMOUNT, Money.BPS_PER_UNIT);
        assertTrue(worst > 0 && worst < Long.MAX_VALUE / 4, "bound: " + worst);
        assertEquals(2 * MAX_AMOUNT, Money.withPremium(MAX_AMOUNT, Money.BPS_PER_UNIT));
        assertEquals(MAX_AMOUNT / 2 + 1, Money.premium(MAX_AMOUNT + 1, Money.BPS_PER_UNIT / 2));
    }

    @Test
    void anAuctionHoldsAtMostTheLargestNumberOfLots()
    {
        at(0);
        auction(1, Format.LIVE, 0);
        for (int lot = 1; lot <= Money.MAX_LOTS_PER_AUCTION; lot++)
        {
            assertNull(rules.addLot(1, lot, 1, 0, 0, 0));
        }
        assertEquals(RejectReason.INVALID_SETTINGS, rules.addLot(1, Money.MAX_LOTS_PER_AUCTION + 1, 1, 0, 0, 0));
    }
}
