package io.gavel.ops.demo;

import io.gavel.client.GavelClient;
import io.gavel.settlement.ClientEngineLink;
import io.gavel.settlement.FakePaymentServer;
import io.gavel.settlement.HttpPaymentProvider;
import io.gavel.settlement.RetryPolicy;
import io.gavel.settlement.Sale;
import io.gavel.settlement.SettlementService;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The demo's settlement: a fake payments provider on 127.0.0.1 and the settlement service charging the winners from
 * the journal, exactly as {@code gavel settle} does, then the settlement and the provider's ledger printed.
 */
final class DemoSettlement
{
    private static final Duration LIMIT = Duration.ofSeconds(20);

    private DemoSettlement()
    {
    }

    /** The reference a demo bidder registers with (what a provider would have issued for their card). */
    static String paymentMethod(final long bidderId)
    {
        return "pm_demo_" + bidderId;
    }

    static void run(final PrintStream out, final Path journal, final Path work, final GavelClient settlement)
        throws IOException
    {
        final Path checkpoint = work.resolve("settlement.state");
        try (FakePaymentServer provider = new FakePaymentServer(0, Set.of(), 0, 1, null))
        {
            final SettlementService service = new SettlementService(journal, checkpoint,
                new HttpPaymentProvider("http://127.0.0.1:" + provider.port(), "", Duration.ofSeconds(5)),
                new ClientEngineLink(settlement, LIMIT),
                new RetryPolicy(LIMIT, Duration.ofMillis(50), Duration.ofSeconds(1)), settlement::poll);
            final long deadline = System.nanoTime() + LIMIT.toNanos();
            while (!settled(service.book().sales()) && System.nanoTime() < deadline)
            {
                if (!service.step())
                {
                    settlement.poll();
                    Thread.onSpinWait();
                }
            }
            out.println();
            out.println("Settlement (fake payments provider on http://127.0.0.1:" + provider.port() + ")");
            for (final Sale sale : service.book().sales())
            {
                out.printf("  auction %d lot %d sale %d: bidder %d owes %d.%02d -> %s (%s)%n",
                    sale.auctionId(), sale.lotId(), sale.saleNumber(), sale.bidderId(), sale.invoice() / 100,
                    sale.invoice() % 100, sale.state(), sale.detail());
            }
            for (final FakePaymentServer.Charge charge : provider.charges())
            {
                out.printf("  ledger: %s %s %d %s  key %s%n", charge.paymentId(), charge.paymentMethod(),
                    charge.amount(), charge.currency(), charge.idempotencyKey());
            }
        }
        finally
        {
            Files.deleteIfExists(checkpoint);
            Files.deleteIfExists(checkpoint.resolveSibling(checkpoint.getFileName() + ".tmp"));
        }
    }

    private static boolean settled(final List<Sale> sales)
    {
        if (sales.isEmpty())
        {
            return false;
        }
        for (final Sale sale : sales)
        {
            if (sale.state() != Sale.State.PAID && sale.state() != Sale.State.FAILED &&
                sale.state() != Sale.State.PASSED_DOWN && sale.state() != Sale.State.REFUSED)
            {
                return false;
            }
        }
        return true;
    }
}
