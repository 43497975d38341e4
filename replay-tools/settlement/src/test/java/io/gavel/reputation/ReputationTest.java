package io.gavel.reputation;

import io.gavel.sbe.PaymentResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 15's reputation proof: a hand-worked sale checked against hand arithmetic (docs/REPUTATION.md works the same
 * numbers), a generated sale with a planted shill ranked first on the shill signal, and recomputation from the
 * journal giving identical output.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReputationTest
{
    private static final double EXACT = 1e-9;

    @TempDir
    Path dir;

    /**
     * Lot 1 (start 100.00, open t=0, hammer t=40): B1 100 @10, B2 110 @20, B1 120 @30 - sold to B1, paid.
     * Lot 2 (start 50.00, open t=100, hammer t=200): B2 50 @110, B3 60 @120, B2 70 @130 - sold to B2, who fails to
     * pay; passed to B3 at 60, paid.
     */
    @Test
    void aHandWorkedSaleMatchesHandArithmetic()
    {
        try (SaleJournal sale = new SaleJournal(dir))
        {
            sale.liveAuction(1, 0);
            for (long b = 1; b <= 3; b++)
            {
                sale.bidder(1, b, "pm_" + b, 0);
            }
            sale.lot(1, 1, 100_00, 0);
            sale.lot(1, 2, 50_00, 0);
            sale.open(1, 1, 0);
            sale.bid(1, 1, 1, 100_00, 10);
            sale.bid(1, 1, 2, 110_00, 20);
            sale.bid(1, 1, 1, 120_00, 30);
            sale.hammer(1, 1, 40);
            sale.settle(1, 1, PaymentResult.PAID, 50);
            sale.open(1, 2, 100);
            sale.bid(1, 2, 2, 50_00, 110);
            sale.bid(1, 2, 3, 60_00, 120);
            sale.bid(1, 2, 2, 70_00, 130);
            sale.hammer(1, 2, 200);
            sale.settle(1, 2, PaymentResult.FAILED, 210);
            sale.settle(1, 2, PaymentResult.PAID, 220);
        }
        final ReputationIndex index = ReputationIndex.of(dir);

        final Reputation b1 = index.bidder(1);
        assertEquals(1, b1.facts().registrations());
        assertEquals(2, b1.facts().bids());
        assertEquals(1, b1.facts().wins());
        assertEquals(1, b1.facts().paid());
        assertEquals(0, b1.facts().defaults());
        // tendency 1, ratio 2/3, successive 0, last (40-30)/40, bids 3/3, start 0 (100 >= avg 75), early 1-10/40,
        // winning ratio 0: (1 + 3*2/3 + 0 + 2*0.25 + 1 + 0 + 2*0.75 + 0) / 16 = 6/16.
        assertFeatures(b1.features().get(0), 1, 2.0 / 3, 0, 0.25, 1, 0, 0.75, 0);
        assertEquals(0.375, b1.shillScore(), EXACT);
        assertEquals(100 + 2 - 15, b1.score());

        final Reputation b2 = index.bidder(2);
        assertEquals(3, b2.facts().bids());
        assertEquals(1, b2.facts().wins());
        assertEquals(1, b2.facts().defaults());
        assertEquals(0, b2.facts().paid());
        // lot 1: (1 + 3/3 + 0 + 2*0.5 + 1 + 0 + 2*0.5 + 3*0.5) / 16 = 6.5/16
        assertFeatures(b2.features().get(0), 1, 1.0 / 3, 0, 0.5, 1, 0, 0.5, 0.5);
        assertEquals(6.5 / 16, b2.features().get(0).score(), EXACT);
        // lot 2: (1 + 3*2/3 + 0 + 2*0.7 + 1 + 1 + 2*0.9 + 3*0.5) / 16 = 9.7/16
        assertFeatures(b2.features().get(1), 1, 2.0 / 3, 0, 0.7, 1, 1, 0.9, 0.5);
        assertEquals(9.7 / 16, b2.features().get(1).score(), EXACT);
        assertEquals((6.5 / 16 + 9.7 / 16) / 2, b2.shillScore(), EXACT);
        assertEquals(100 - 25 - 20, b2.score()); // round(0.50625 * -40) = -20

        final Reputation b3 = index.bidder(3);
        assertEquals(1, b3.facts().wins()); // the pass-down sale
        assertEquals(1, b3.facts().paid());
        // (1 + 3/3 + 0 + 2*0.8 + 1 + 1 + 2*0.8 + 0) / 16 = 7.2/16
        assertFeatures(b3.features().get(0), 1, 1.0 / 3, 0, 0.8, 1, 1, 0.8, 0);
        assertEquals(0.45, b3.shillScore(), EXACT);
        assertEquals(100 + 2 - 18, b3.score());

        assertEquals(List.of(2L, 3L, 1L), index.top(3, ReputationIndex.Signal.defaults).stream()
            .map(Reputation::bidderId).toList());
        assertTrue(b2.explanation().contains("-25  1 payment default(s) x -25"), b2.explanation().toString());
        assertTrue(b2.explanation().contains("-20  shill score 0.5063 x -40"), b2.explanation().toString());

        final ReputationPolicy policy = new ReputationPolicy(1, 0.9);
        final List<ReputationPolicy.Action> actions = policy.actions(index);
        assertEquals(1, actions.size());
        assertEquals("DEFAULTS", actions.get(0).reason());
        assertEquals(2, actions.get(0).bidderId());
        assertEquals(1, actions.get(0).auctionId());
    }

    @Test
    void aPlantedShillRanksFirstAndRecomputationIsIdentical()
    {
        final long shill = 99;
        final Random random = new Random(42);
        try (SaleJournal sale = new SaleJournal(dir))
        {
            sale.liveAuction(5, 0);
            for (long b = 1; b <= 8; b++)
            {
                sale.bidder(5, b, "pm_" + b, 0);
            }
            sale.bidder(5, shill, "pm_shill", 0);
            long time = 1_000;
            for (long lot = 1; lot <= 12; lot++)
            {
                final long start = (10 + random.nextInt(40)) * 100L;
                sale.lot(5, lot, start, time);
                sale.open(5, lot, time);
                final long open = time;
                long price = start;
                // The shill opens the bidding at once, and again as soon as a genuine bidder answers; then stops.
                sale.bid(5, lot, shill, price, open + 1);
                final long genuine = 1 + random.nextInt(8);
                price += 10_00;
                sale.bid(5, lot, genuine, price, open + 5 + random.nextInt(5));
                price += 10_00;
                sale.bid(5, lot, shill, price, open + 12);
                // Genuine bidders compete until the end.
                long last = 0;
                long at = open + 30;
                for (int k = 0; k < 3 + random.nextInt(4); k++)
                {
                    long b = 1 + random.nextInt(8);
                    if (b == last)
                    {
                        b = b % 8 + 1;
                    }
                    price += 10_00;
                    at += 5 + random.nextInt(20);
                    sale.bid(5, lot, b, price, at);
                    last = b;
                }
                sale.hammer(5, lot, at + 10);
                sale.settle(5, lot, PaymentResult.PAID, at + 11);
                time = at + 100;
            }
        }
        final ReputationIndex index = ReputationIndex.of(dir);
        final List<Reputation> top = index.top(3, ReputationIndex.Signal.shill);
        assertEquals(shill, top.get(0).bidderId(), describe(index));
        assertTrue(top.get(0).shillScore() > top.get(1).shillScore() + 0.05, describe(index));

        assertEquals(describe(index), describe(ReputationIndex.of(dir)));
        final StringBuilder json = new StringBuilder();
        ReputationIndex.of(dir).all().forEach(r -> json.append(ReputationIndex.json(r)).append('\n'));
        final StringBuilder again = new StringBuilder();
        ReputationIndex.of(dir).all().forEach(r -> again.append(ReputationIndex.json(r)).append('\n'));
        assertEquals(json.toString(), again.toString());
    }

    private static String describe(final ReputationIndex index)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        index.all().forEach(r -> ReputationIndex.printText(r, out));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aPersonsReinstatementStandsUntilTheFactsWorsen(@TempDir final Path dir)
    {
        // Bidder 2 defaults on lot 1 and is suspended (DEFAULTS); a person approves them again. The policy leaves
        // them be while nothing changes, and suspends them again (a new command, not a duplicate) after a second
        // default. Bidder 3's routine approval at registration is no reinstatement: a default suspends them at once.
        final ReputationPolicy policy = new ReputationPolicy(1, 0.99);
        try (SaleJournal sale = new SaleJournal(dir))
        {
            sale.liveAuction(1, 0);
            sale.bidder(1, 2, "pm_2", 0);
            sale.bidder(1, 3, "pm_3", 0);
            sale.lot(1, 1, 100_00, 0);
            sale.lot(1, 2, 100_00, 0);
            sale.lot(1, 3, 100_00, 0);
            sale.open(1, 1, 10);
            sale.bid(1, 1, 2, 100_00, 20);
            sale.hammer(1, 1, 30);
            sale.settle(1, 1, PaymentResult.FAILED, 40);
            // The journal is read while the sale goes on, as an operator's policy run would.
            final List<ReputationPolicy.Action> first = policy.actions(ReputationIndex.of(dir));
            assertEquals(1, first.size(), first.toString());
            assertEquals(2, first.get(0).bidderId());
            assertEquals("DEFAULTS", first.get(0).reason());

            sale.suspend(1, 2, "DEFAULTS", 50);
            assertEquals(List.of(), policy.actions(ReputationIndex.of(dir)), "suspended: nothing more to do");
            sale.approve(1, 2, 60);
            assertEquals(List.of(), policy.actions(ReputationIndex.of(dir)),
                "a person reinstated bidder 2 on these facts");

            sale.open(1, 2, 70);
            sale.bid(1, 2, 2, 100_00, 80);
            sale.hammer(1, 2, 90);
            sale.settle(1, 2, PaymentResult.FAILED, 100);
            final List<ReputationPolicy.Action> again = policy.actions(ReputationIndex.of(dir));
            assertEquals(1, again.size(), again.toString());
            assertEquals(2, again.get(0).bidderId());
            assertEquals(1, again.get(0).reinstatements());
            assertTrue(again.get(0).why().contains("2 payment default(s)"), again.get(0).why());
            assertNotEquals(first.get(0).correlationId(), again.get(0).correlationId(),
                "the second suspension would be answered as a duplicate of the first");

            sale.open(1, 3, 110);
            sale.bid(1, 3, 3, 100_00, 120);
            sale.hammer(1, 3, 130);
            sale.settle(1, 3, PaymentResult.FAILED, 140);
            final List<ReputationPolicy.Action> both = policy.actions(ReputationIndex.of(dir));
            assertEquals(List.of(2L, 3L), both.stream().map(ReputationPolicy.Action::bidderId).toList(),
                both.toString());
                assertEquals(0, both.get(1).reinstatements());
        }
    }

    @Test
    void everyPolicyActionHasItsOwnCorrelationId()
    {
        // Bidders 5 and 5 + 2^22 once shared an id (22 low bits of the bidder), so the second suspension was answered
        // as a duplicate and suspended nobody. Now ids differ for every auction, bidder and reason, stay the same for
        // the same action (a resend is a duplicate), and keep the top bits 01.
        final java.util.Set<Long> ids = new java.util.HashSet<>();
        final long[] bidders = {5, 5 + (1L << 22), 5 + (1L << 32), 6, Long.MAX_VALUE, -5};
        final long[] auctions = {1, 1 + (1L << 32), 2, 1L << 40};
        for (final long auction : auctions)
        {
            for (final long bidder : bidders)
            {
                for (final String reason : new String[]{"DEFAULTS", "SHILL_REVIEW"})
                {
                    final long id = new ReputationPolicy.Action(auction, bidder, reason, "").correlationId();
                    assertTrue(ids.add(id), "shared id for auction " + auction + " bidder " + bidder + " " + reason);
                    assertEquals(0x4000_0000_0000_0000L, id & 0xC000_0000_0000_0000L, Long.toHexString(id));
                    assertEquals(id, new ReputationPolicy.Action(auction, bidder, reason, "why").correlationId());
                }
            }
        }
        final Random random = new Random(13);
        for (int i = 0; i < 100_000; i++)
        {
            final long id = new ReputationPolicy.Action(random.nextInt(1_000), random.nextInt(1 << 30),
                random.nextBoolean() ? "DEFAULTS" : "SHILL_REVIEW", "").correlationId();
            ids.add(id);
        }
        assertTrue(ids.size() > 100_000, "random actions collided: " + ids.size() + " ids");
    }

    private static void assertFeatures(final ShillFeatures f, final double... expected)
    {
        final double[] actual = f.values();
        for (int i = 0; i < expected.length; i++)
        {
            assertEquals(expected[i], actual[i], EXACT, ShillFeatures.NAMES[i] + " of lot " + f.lotId());
        }
    }
}
