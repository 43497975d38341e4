package io.gavel.reputation;

import io.gavel.protocol.CommandEncoder;
import io.gavel.core.EventBuffer;
import io.gavel.core.MatchingCore;
import io.gavel.journal.JournalLayout;
import io.gavel.journal.JournalWriter;
import io.gavel.sbe.*;

import java.nio.file.Path;

/**
 * A real journal written the way the engine writes it (each command, then the events the real core gave for it),
 * with engine times the test chooses: hand-worked scenarios need exact times.
 */
public final class SaleJournal implements AutoCloseable
{
    static final long ADMIN = 1;
    private final MatchingCore core = new MatchingCore(1024);
    private final EventBuffer out = new EventBuffer();
    private final JournalWriter writer;
    public final CommandEncoder encoder = new CommandEncoder();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private long sequence;
    private long correlation;

    public SaleJournal(final Path dir)
    {
        writer = JournalWriter.open(JournalLayout.createOrOpen(dir));
    }

    public long next()
    {
        return ++correlation;
    }

    /** Applies what is encoded now, journals it; returns whether the core accepted it. */
    public boolean apply(final long time, final long principal, final Role role)
    {
        sequence++;
        core.apply(sequence, time, principal, role, encoder.buffer(), 0, encoder.length(), out);
        writer.append(RecordKind.COMMAND, sequence, time, 0, 7, principal, role, encoder.buffer(), 0,
            encoder.length());
        final boolean[] accepted = new boolean[1];
        // Event indexes as the engine's journal numbers them (from 0; the head's uint16 keeps the low 16 bits).
        final int[] index = {0};
        out.forEach((buffer, offset, length) ->
        {
            header.wrap(buffer, offset);
            accepted[0] |= header.templateId() == CommandAcceptedDecoder.TEMPLATE_ID;
            writer.append(RecordKind.EVENT, sequence, time, index[0]++, 7, principal, role, buffer, offset, length);
        });
        return accepted[0];
    }

    public void liveAuction(final long auctionId, final long time)
    {
        encoder.createAuction(next(), auctionId, Format.LIVE, "EUR", 2000, TiePolicy.EARLIEST_WINS,
            RetractionPolicy.NULL_VAL, false, 0, 0, 0, 0, new long[]{0}, new long[]{10_00}, 1);
        must(apply(time, ADMIN, Role.ADMIN), "create auction");
    }

    /** A TIMED auction without soft close, 20% buyer's premium, increment 10.00. */
    public void timedAuction(final long auctionId, final long time)
    {
        encoder.createAuction(next(), auctionId, Format.TIMED, "EUR", 2000, TiePolicy.EARLIEST_WINS,
            RetractionPolicy.NULL_VAL, false, 0, 0, 0, 0, new long[]{0}, new long[]{10_00}, 1);
        must(apply(time, ADMIN, Role.ADMIN), "create timed auction");
    }

    /** A TIMED lot that closes at engine time {@code end}. */
    public void timedLot(final long auctionId, final long lotId, final long start, final long end, final long time)
    {
        encoder.addLot(next(), auctionId, lotId, start, 0, 0, end);
        must(apply(time, ADMIN, Role.ADMIN), "add timed lot " + lotId);
    }

    public void maxBid(final long auctionId, final long lotId, final long bidderId, final long maximum,
        final long time)
    {
        encoder.maxBid(next(), auctionId, lotId, bidderId, maximum);
        must(apply(time, bidderId, Role.BIDDER), "max bid " + maximum + " by " + bidderId + " on lot " + lotId);
    }

    /** The engine's tick: every lot whose deadline has passed closes in this one command. */
    public void tick(final long time)
    {
        encoder.tick(next());
        must(apply(time, 0, Role.ENGINE), "tick");
    }

    public void bidder(final long auctionId, final long bidderId, final String paymentMethod, final long time)
    {
        encoder.registerBidder(next(), auctionId, bidderId, 100 + bidderId, 0, paymentMethod);
        must(apply(time, ADMIN, Role.ADMIN), "register");
        encoder.approveBidder(next(), auctionId, bidderId);
        must(apply(time, ADMIN, Role.ADMIN), "approve");
    }

    public void lot(final long auctionId, final long lotId, final long start, final long time)
    {
        encoder.addLot(next(), auctionId, lotId, start, 0, 0, 0);
        must(apply(time, ADMIN, Role.ADMIN), "add lot");
    }

    public void open(final long auctionId, final long lotId, final long time)
    {
        encoder.lotCommand(OpenLotEncoder.TEMPLATE_ID, next(), auctionId, lotId);
        must(apply(time, ADMIN, Role.ADMIN), "open lot");
    }

    public void hammer(final long auctionId, final long lotId, final long time)
    {
        encoder.lotCommand(HammerEncoder.TEMPLATE_ID, next(), auctionId, lotId);
        must(apply(time, ADMIN, Role.ADMIN), "hammer");
    }

    public void bid(final long auctionId, final long lotId, final long bidderId, final long amount, final long time)
    {
        encoder.liveBid(next(), auctionId, lotId, bidderId, amount, 0);
        must(apply(time, bidderId, Role.BIDDER), "bid " + amount + " by " + bidderId);
    }

    public void settle(final long auctionId, final long lotId, final PaymentResult result, final long time)
    {
        encoder.settlementResult(next(), auctionId, lotId, result);
        must(apply(time, 900, Role.SETTLEMENT), "settle");
    }

    /** Suspends a bidder in an auction, as the reputation policy does. */
    public void suspend(final long auctionId, final long bidderId, final String reason, final long time)
    {
        encoder.suspendBidder(next(), auctionId, bidderId, reason);
        must(apply(time, ADMIN, Role.ADMIN), "suspend " + bidderId);
    }

    /** Approves a bidder in an auction (a registration, or a suspended bidder again). */
    public void approve(final long auctionId, final long bidderId, final long time)
    {
        encoder.approveBidder(next(), auctionId, bidderId);
        must(apply(time, ADMIN, Role.ADMIN), "approve " + bidderId);
    }

    private static void must(final boolean accepted, final String what)
    {
        if (!accepted)
        {
            throw new AssertionError(what + " was rejected");
        }
    }

    @Override
    public void close()
    {
        writer.close();
    }
}
