package io.gavel.ops;

import io.gavel.client.GavelListener;
import io.gavel.replay.text.Amounts;
import io.gavel.sbe.BooleanType;
import io.gavel.sbe.LotStatusDecoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code gavel auction status}: every lot of an auction as the engine answers it, leaders by paddle. The engine's
 * answer names the leader's paddle itself, so this works from any machine that reaches the engine.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Every lot's state, leading (or winning) paddle, price and ask, as the engine answers.")
final class AuctionStatusCommand implements Callable<Integer>
{
    @Mixin
    ClientOptions client;

    @Option(names = "--auction", required = true, paramLabel = "A", description = "The auction id")
    long auction;

    public Integer call()
    {
        AuctionCommand.positive(auction, "--auction");
        final List<LotStatusRow> rows = new ArrayList<>();
        final long[] eventSequence = {0};
        final GavelListener listener = new GavelListener()
        {
            public void onLotStatus(final LotStatusDecoder e)
            {
                eventSequence[0] = e.eventSequence();
                rows.add(new LotStatusRow(e.lotId(), e.state().name(), e.leaderId(), e.leaderPaddle(), e.price(),
                    e.ask(), e.askVersion(), e.reserveMet() == BooleanType.TRUE, e.endTime()));
            }
        };
        try (ClientOptions.Session session = client.connect(listener))
        {
            session.expectAccepted(session.client.requestAuctionStatus(auction), "status of auction " + auction);
        }
        System.out.printf("auction %d (event sequence %d)%n", auction, eventSequence[0]);
        System.out.printf("%6s  %-9s  %-14s  %12s  %12s  %4s  %-11s  %s%n", "lot", "state", "leader", "price",
            "ask/minimum", "ver", "reserve met", "ends");
        for (final LotStatusRow row : rows)
        {
            System.out.printf("%6d  %-9s  %-14s  %12s  %12s  %4d  %-11s  %s%n", row.lot(), row.state(),
                row.who(), Amounts.money(row.price()), row.ask() == 0 ? "-" : Amounts.money(row.ask()), row.askVersion(),
                row.reserveMet() ? "yes" : "no",
                row.endTime() == 0 ? "-" : Instant.ofEpochSecond(0, row.endTime()).toString());
        }
        return GavelMain.EXIT_OK;
    }

    /** One lot's line of the table. */
    private record LotStatusRow(long lot, String state, long leader, long paddle, long price, long ask,
        int askVersion, boolean reserveMet, long endTime)
    {
        /** "paddle 105"; "none" with no leader; "bidder 7" only from an engine too old to send the paddle. */
        String who()
        {
            if (leader == 0)
            {
                return "none";
            }
            return paddle == LotStatusDecoder.leaderPaddleNullValue() ? "bidder " + leader : "paddle " + paddle;
        }
    }
}
