package io.gavel.settlement;

import io.gavel.reputation.SaleJournal;
import io.gavel.sbe.PaymentResult;
import io.gavel.sbe.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The settlement service over a real journal written by the real core, a real fake provider over HTTP, and an engine
 * link that applies each report to the same core and journals it: a decline passes the sale to the runner-up, who is
 * charged; a crash right after a charge (before the checkpoint records it) and a restart charge nobody twice; the
 * retry deadline reports FAILED.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SettlementServiceTest
{
    @TempDir
    Path dir;

    @Test
    void aDeclinePassesDownAndACrashAfterChargingChargesNobodyTwice() throws Exception
    {
        final Path journal = dir.resolve("journal");
        final Path checkpoint = dir.resolve("settle.state");
        try (SaleJournal sale = new SaleJournal(journal);
            FakePaymentServer server = new FakePaymentServer(0, Set.of("pm_2"), 0, 1, null))
        {
            sale.liveAuction(1, 0);
            for (long b = 1; b <= 3; b++)
            {
                sale.bidder(1, b, "pm_" + b, 0);
            }
            sale.lot(1, 1, 100_00, 0);
            sale.lot(1, 2, 100_00, 0);
            sale.open(1, 1, 1);
            sale.bid(1, 1, 3, 100_00, 2);
            sale.bid(1, 1, 2, 110_00, 3);
            sale.hammer(1, 1, 4);
            sale.open(1, 2, 5);
            sale.bid(1, 2, 1, 100_00, 6);
            sale.hammer(1, 2, 7);

            final EngineLink engine = (correlationId, auction, lot, result) ->
            {
                sale.encoder.settlementResult(correlationId, auction, lot, result);
                return sale.apply(100, 900, Role.SETTLEMENT) ? "ACCEPTED" : "REJECTED";
            };
            final HttpPaymentProvider http = new HttpPaymentProvider("http://127.0.0.1:" + server.port(), "",
                Duration.ofSeconds(5));
            final RetryPolicy retry = new RetryPolicy(Duration.ofSeconds(10), Duration.ofMillis(1),
                Duration.ofMillis(5));
            // The first run dies right after the provider charged lot 2's winner, before anything is checkpointed.
            final PaymentProvider dying = request ->
            {
                final ChargeOutcome outcome = http.charge(request);
                if (request.paymentMethod().equals("pm_1"))
                {
                    throw new IllegalStateException("kill -9");
                }
                return outcome;
            };
            final SettlementService first = new SettlementService(journal, checkpoint, dying, engine, retry, () -> { });
            assertThrows(IllegalStateException.class, () ->
            {
                while (first.step())
                {
                    // until it dies
                }
            });
            assertEquals(1, server.charges().size());

            final SettlementService second = new SettlementService(journal, checkpoint, http, engine, retry, () -> { });
            while (second.step())
            {
                // until nothing is left to do
            }
            second.step();
            final List<Sale> sales = SettlementBook.load(checkpoint).sales();
            assertEquals(List.of("1/1/1 PASSED_DOWN", "1/2/1 PAID", "1/1/2 PAID"), sales.stream()
                .map(s -> s.key() + " " + s.state()).toList());
            // Bidder 1 once for lot 2, bidder 3 once for lot 1's pass-down (100.00 + 20%); the declined pm_2 never.
            assertEquals(List.of("pm_1 12000", "pm_3 12000"), server.charges().stream()
                .map(c -> c.paymentMethod() + " " + c.amount()).sorted().toList());
            assertTrue(sales.get(0).detail().contains("passed to bidder 3"), sales.get(0).detail());
        }
    }

    @Test
    void theDeadlineReportsFailed() throws Exception
    {
        final Path journal = dir.resolve("journal");
        try (SaleJournal sale = new SaleJournal(journal))
        {
            sale.liveAuction(1, 0);
            sale.bidder(1, 1, "pm_1", 0);
            sale.lot(1, 1, 100_00, 0);
            sale.open(1, 1, 1);
            sale.bid(1, 1, 1, 100_00, 2);
            sale.hammer(1, 1, 3);
            final int[] reports = new int[1];
            final EngineLink engine = (correlationId, auction, lot, result) ->
            {
                assertEquals(PaymentResult.FAILED, result);
                reports[0]++;
                sale.encoder.settlementResult(correlationId, auction, lot, result);
                return sale.apply(100, 900, Role.SETTLEMENT) ? "ACCEPTED" : "REJECTED";
            };
            final SettlementService service = new SettlementService(journal, dir.resolve("s.state"),
                request -> ChargeOutcome.transientFailure("HTTP 503"), engine,
                new RetryPolicy(Duration.ofMillis(1500), Duration.ofMillis(10), Duration.ofMillis(20)), () -> { });
            while (service.step())
            {
                // until settled
            }
            assertEquals(1, reports[0]);
            final Sale only = service.book().sales().get(0);
            assertEquals(Sale.State.FAILED, only.state());
            assertTrue(only.detail().startsWith("gave up after") && only.detail().contains("DEFAULTED"), only.detail());
            assertTrue(only.attempts() > 1, only.detail());
        }
    }
}
