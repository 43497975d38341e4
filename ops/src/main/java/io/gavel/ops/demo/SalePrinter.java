package io.gavel.ops.demo;

import io.gavel.client.GavelListener;
import io.gavel.replay.text.Amounts;
import io.gavel.sbe.*;
import org.agrona.collections.Long2LongHashMap;

import java.io.PrintStream;

/**
 * Prints the public stream as a sale-room display: each accepted bid as it happens, extensions, warnings, results.
 */
final class SalePrinter implements GavelListener
{
    private final PrintStream out;
    private final Long2LongHashMap paddles;
    private final long startNanos;

    SalePrinter(final PrintStream out, final Long2LongHashMap paddles, final long startNanos)
    {
        this.out = out;
        this.paddles = paddles;
        this.startNanos = startNanos;
    }

    private String who(final long bidderId)
    {
        final long paddle = paddles.get(bidderId);
        return paddle == 0 ? "bidder " + bidderId : "paddle " + paddle;
    }

    public void onLotOpened(final LotOpenedDecoder e)
    {
        out.printf("  lot %d.%d OPEN      ask %s (v%d)%s%n", e.auctionId(), e.lotId(), Amounts.money(e.ask()), e.askVersion(),
            e.holderId() == 0 ? "" : ", commission bid of " + who(e.holderId()) + " holds at " + Amounts.money(e.price()) +
            (e.reserveMet() == BooleanType.TRUE ? " (reserve met)" : ""));
    }

    public void onBidAccepted(final BidAcceptedDecoder e)
    {
        if (e.source() == BidSource.PROXY || e.source() == BidSource.BUY_NOW)
        {
            out.printf("  lot %d.%d BID       %-10s maximum from %s; leader %s at %s%s%n", e.auctionId(), e.lotId(),
                e.source(), who(e.bidderId()), who(e.leaderId()), Amounts.money(e.price()),
                e.reserveMet() == BooleanType.TRUE ? " (reserve met)" : " (reserve not met)");
        }
        else
        {
            out.printf("  lot %d.%d BID       %-10s %s by %s; next ask %s (v%d)%s%n", e.auctionId(), e.lotId(),
                e.source(), Amounts.money(e.price()), who(e.bidderId()), Amounts.money(e.ask()), e.askVersion(),
                e.reserveMet() == BooleanType.TRUE ? "" : " (reserve not met)");
        }
    }

    public void onAskChanged(final AskChangedDecoder e)
    {
        out.printf("  lot %d.%d ASK       %s (v%d)%n", e.auctionId(), e.lotId(), Amounts.money(e.ask()), e.askVersion());
    }

    public void onFairWarning(final FairWarningGivenDecoder e)
    {
        out.printf("  lot %d.%d FAIR WARNING%n", e.auctionId(), e.lotId());
    }

    public void onEndExtended(final EndExtendedDecoder e)
    {
        out.printf("  lot %d.%d EXTENDED  soft close: now ends %.2f s into the sale (extension %d)%n", e.auctionId(),
            e.lotId(), (e.endTime() - startNanos) / 1e9, e.extensions());
    }

    public void onLotSold(final LotSoldDecoder e)
    {
        out.printf("  lot %d.%d SOLD      to %s for %s (invoice with premium %s)%n", e.auctionId(), e.lotId(),
            who(e.bidderId()), Amounts.money(e.price()), Amounts.money(e.invoiceAmount()));
    }

    public void onLotPassed(final LotPassedDecoder e)
    {
        out.printf("  lot %d.%d PASSED    %s%n", e.auctionId(), e.lotId(), e.reason());
    }
}
