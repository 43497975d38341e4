package io.gavel.settlement;

import java.io.PrintStream;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code gavel settle status}: what the finance team asks first — how many sales await a charge, are being charged,
 * are paid, failed or passed down — and then each sale with its amount, bidder and what happened.
 */
public final class SettlementStatus
{
    private SettlementStatus()
    {
    }

    public static void print(final SettlementBook book, final PrintStream out)
    {
        final Map<Sale.State, Integer> counts = new EnumMap<>(Sale.State.class);
        for (final Sale sale : book.sales())
        {
            counts.merge(sale.state, 1, Integer::sum);
        }
        out.printf("journal read up to index %d; %d sale(s)%n", book.journalIndex(), book.sales().size());
        out.printf("awaiting %d, charging %d, reporting %d, paid %d, failed %d, passed down %d, refused %d%n",
            counts.getOrDefault(Sale.State.AWAITING, 0), counts.getOrDefault(Sale.State.CHARGING, 0),
            counts.getOrDefault(Sale.State.REPORTING_PAID, 0) + counts.getOrDefault(Sale.State.REPORTING_FAILED, 0),
            counts.getOrDefault(Sale.State.PAID, 0), counts.getOrDefault(Sale.State.FAILED, 0),
            counts.getOrDefault(Sale.State.PASSED_DOWN, 0), counts.getOrDefault(Sale.State.REFUSED, 0));
        for (final Sale sale : book.sales())
        {
            out.printf("auction %d lot %d sale %d  bidder %d  %s %s  %-16s attempts %d  %s%n", sale.auctionId,
                sale.lotId, sale.saleNumber, sale.bidderId, money(sale.invoice),
                book.currencies.getOrDefault(sale.auctionId, ""), sale.state, sale.attempts, sale.detail);
        }
    }

    private static String money(final long minor)
    {
        return String.format("%d.%02d", minor / 100, Math.abs(minor % 100));
    }
}
