package io.gavel.core.rules;

import io.gavel.sbe.Format;
import io.gavel.sbe.LotState;
import io.gavel.sbe.RejectReason;
import io.gavel.sbe.RetractionPolicy;
import io.gavel.sbe.Role;
import io.gavel.sbe.TiePolicy;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RULES.md R2 against a small, obviously correct reference model ({@link ReferenceProxyLot}) on thousands of random
 * bid sequences: the same outcome, leader and price after every command; and the invariants of a TIMED lot.
 */
class ProxyResolutionPropertiesTest
{
    static final long AUCTION = 1;
    static final long LOT = 1;
    static final long END = 1_000_000;
    static final int BIDDERS = 5;

    /** One random command: a maximum (kind 0-7) or a retraction (kind 8-9) by a bidder, with an amount step. */
    record Op(int kind, int bidder, int step)
    {
    }

    @Provide
    Arbitrary<List<Op>> ops()
    {
        final Arbitrary<Op> op = Combinators.combine(
            Arbitraries.integers().between(0, 9),
            Arbitraries.integers().between(1, BIDDERS),
            Arbitraries.integers().between(-3, 40)).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 3000)
    void engineAgreesWithReferenceModelAfterEveryCommand(
        @ForAll("ops") final List<Op> ops,
        @ForAll @IntRange(min = 1, max = 30_000) final int start,
        @ForAll @IntRange(min = 0, max = 3) final int reserveChoice,
        @ForAll final boolean rejectEqual)
    {
        final long reserve = reserveChoice == 0 ? 0 : start + reserveChoice * 3_000L;
        final RecordingSink sink = new RecordingSink();
        final AuctionRules rules = timedLot(sink, start, reserve, rejectEqual);
        final ReferenceProxyLot model = new ReferenceProxyLot(start, reserve, rejectEqual);
        final Lot lot = rules.auction(AUCTION).lot(LOT);

        long seq = 100;
        for (final Op op : ops)
        {
            seq++;
            rules.begin(seq, seq, 1, Role.ADMIN);
            final RejectReason engine;
            final RejectReason expected;
            if (op.kind() < 8)
            {
                // Amounts near the action: below, at and above the minimum, in cents with odd values too.
                final long amount = Math.max(1, model.minimum() + op.step() * (op.step() % 2 == 0 ? 50L : 7L));
                final long minimumBefore = model.minimum();
                engine = rules.maxBid(AUCTION, LOT, op.bidder(), amount);
                expected = model.place(op.bidder(), amount, seq);
                if (engine == null)
                {
                    assertTrue(amount >= minimumBefore, "accepted a maximum below the minimum");
                }
            }
            else
            {
                engine = rules.retract(AUCTION, LOT, op.bidder(), new byte[0], 0);
                expected = model.remove(op.bidder());
            }
            assertEquals(expected, engine, "outcome of " + op);
            assertEquals(model.leader, lot.leaderId(), "leader after " + op);
            if (model.leader != 0)
            {
                assertEquals(model.price, lot.price(), "price after " + op);
                assertTrue(lot.price() >= start, "price below the start");
                assertTrue(lot.book().maximumOf(lot.leaderId()) >= lot.price(), "leader's maximum below the price");
            }
            assertEquals(model.reserveMet(), lot.reserveMet(), "reserve met after " + op);
        }

        // Exactly one outcome when the lot closes, and nothing after it.
        sink.drain();
        rules.begin(++seq, END, 1, Role.ADMIN);
        rules.tick();
        rules.begin(++seq, END * 2, 1, Role.ADMIN);
        rules.tick();
        final List<String> closing = sink.drain();
        assertEquals(1, closing.stream().filter(e -> e.startsWith("LotSold") || e.startsWith("LotPassed")).count(),
            closing.toString());
        if (model.leader != 0 && model.reserveMet())
        {
            assertEquals(LotState.SOLD, lot.state());
            assertEquals(model.leader, lot.winnerId());
            assertEquals(model.price, lot.salePrice());
        }
        else
        {
            assertEquals(LotState.PASSED, lot.state());
        }
        rules.begin(++seq, END * 3, 1, Role.ADMIN);
        assertEquals(RejectReason.LOT_CLOSED, rules.maxBid(AUCTION, LOT, 1, 1_000_000));
    }

    @Property(tries = 500)
    void placingAMaximumNeverLowersThePrice(@ForAll("ops") @Size(max = 40) final List<Op> ops)
    {
        final AuctionRules rules = timedLot(new RecordingSink(), 1_000, 0, false);
        final Lot lot = rules.auction(AUCTION).lot(LOT);
        long seq = 0;
        for (final Op op : ops)
        {
            final long before = lot.leaderId() == 0 ? 0 : lot.price();
            rules.begin(++seq, seq, 1, Role.ADMIN);
            final long amount = Math.max(1, lot.minimumBid() + op.step() * 13L);
            if (rules.maxBid(AUCTION, LOT, op.bidder(), amount) == null)
            {
                assertTrue(lot.price() >= before, "a placement lowered the price");
            }
        }
    }

    static AuctionRules timedLot(final RecordingSink sink, final long start, final long reserve,
        final boolean rejectEqual)
    {
        final AuctionRules rules = new AuctionRules(sink);
        rules.begin(1, 0, 1, Role.ADMIN);
        assertEquals(null, rules.createAuction(AUCTION, Format.TIMED, "USD", 0,
            rejectEqual ? TiePolicy.REJECT_EQUAL : TiePolicy.EARLIEST_WINS, RetractionPolicy.BEFORE_WINDOW,
            SoftClosePolicy.OFF, IncrementTable.DEFAULT));
        assertEquals(null, rules.addLot(AUCTION, LOT, start, reserve, 0, END));
        for (int b = 1; b <= BIDDERS; b++)
        {
            assertEquals(null, rules.registerBidder(AUCTION, b, 100 + b, 0));
            assertEquals(null, rules.approveBidder(AUCTION, b));
        }
        return rules;
    }
}
