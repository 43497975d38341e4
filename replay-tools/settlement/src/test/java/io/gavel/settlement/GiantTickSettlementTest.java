package io.gavel.settlement;

import io.gavel.reputation.SaleJournal;
import io.gavel.sbe.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * One tick that closes more than 65,536 lots: the journal head's uint16 event index counts from 0 again within the
 * command, so two LotSold events of the tick are stored with the same (sequence, event index). Over a real journal
 * written by the real core, a real fake provider over HTTP and an engine link that applies each report to the same
 * core: every winner is charged exactly once under its own idempotency key and every sale is settled (the engine's
 * idempotency window would answer a repeated correlation id as DUPLICATE and the sale would be REFUSED), and a
 * restart, from the checkpoint or from the journal's beginning, gives every sale the same identity and charges
 * nobody again. Takes about 4 s (66,000 lots journaled, then read three times).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GiantTickSettlementTest
{
    private static final int LOTS = 66_000;
    private static final long END = 1_000;

    @TempDir
    Path dir;

    @Test
    void everyWinnerOfATickClosingMoreThan65536LotsIsChargedOnceAndSettled() throws Exception
    {
        final Path journal = dir.resolve("journal");
        final Path checkpoint = dir.resolve("settle.state");
        // Winners at the start of the tick and where its events pass 65,536 (a sold lot has two events, LotSold and
        // LotWon; an unsold one, LotPassed): lots 1, 2, 4, 5, 6 sell at events 0, 2, 5, 7, 9, and lots 65,531,
        // 65,532 and 65,536 at events 65,536, 65,538 and 65,545, stored as 0, 2 and 9.
        final Set<Long> winners = new TreeSet<>(List.of(1L, 2L, 4L, 5L, 6L));
        for (long lot = 65_530; lot <= 65_540; lot++)
        {
            winners.add(lot);
        }
        winners.remove(65_535L);
        try (SaleJournal sale = new SaleJournal(journal);
            FakePaymentServer server = new FakePaymentServer(0, Set.of(), 0, 1, null))
        {
            sale.timedAuction(1, 0);
            for (long b = 1; b <= 4; b++)
            {
                sale.bidder(1, b, "pm_" + b, 0);
            }
            for (long lot = 1; lot <= LOTS; lot++)
            {
                sale.timedLot(1, lot, 10_00, END, 0);
            }
            for (final long lot : winners)
            {
                sale.maxBid(1, lot, bidderOf(lot), 10_00, END / 2);
            }
            sale.tick(END * 2);

            final EngineLink engine = (correlationId, auction, lot, result) ->
            {
                sale.encoder.settlementResult(correlationId, auction, lot, result);
                return sale.apply(END * 3, 900, Role.SETTLEMENT) ? "ACCEPTED" : "REJECTED";
            };
            final HttpPaymentProvider http = new HttpPaymentProvider("http://127.0.0.1:" + server.port(), "",
                Duration.ofSeconds(5));
            final RetryPolicy retry = new RetryPolicy(Duration.ofSeconds(10), Duration.ofMillis(1),
                Duration.ofMillis(5));
            final SettlementService service = new SettlementService(journal, checkpoint, http, engine, retry,
                () -> { });
            while (service.step())
            {
                // until every sale is settled
            }
            final List<Sale> sales = service.book().sales();

            // The case at hand: the tick's stored (sequence, event index) repeats among its sales.
            final long journalIdentities = sales.stream()
                .map(s -> s.journalSequence + "." + s.eventIndex).distinct().count();
            assertTrue(journalIdentities < sales.size(), "no two sales share a stored journal identity: " +
                journalIdentities + " identities, " + sales.size() + " sales");
            assertEquals(1, sales.stream().map(s -> s.journalSequence).distinct().count(), "one tick sold them all");

            assertEquals(winners, sales.stream().map(Sale::lotId).collect(Collectors.toCollection(TreeSet::new)));
            final List<String> unsettled = new ArrayList<>();
            for (final Sale s : sales)
            {
                if (s.state() != Sale.State.PAID || s.attempts() != 1)
                {
                    unsettled.add(s.key() + " " + s.state() + " " + s.detail());
                }
            }
            assertEquals(List.of(), unsettled);
            assertEquals(sales.size(), sales.stream().map(Sale::correlationId).distinct().count(),
                "two sales share a correlation id");

            // Exactly one charge per winner, each under its own sale's key, for the winner's invoice.
            final List<FakePaymentServer.Charge> charges = server.charges();
            assertEquals(winners.size(), charges.size());
            final Set<String> keys = new HashSet<>();
            for (final FakePaymentServer.Charge charge : charges)
            {
                assertTrue(keys.add(charge.idempotencyKey()), "charged twice under " + charge.idempotencyKey());
            }
            assertEquals(sales.stream().map(Sale::idempotencyKey).collect(Collectors.toSet()), keys);
            for (final Sale s : sales)
            {
                assertEquals("pm_" + bidderOf(s.lotId()), server.charges().stream()
                    .filter(c -> c.idempotencyKey().equals(s.idempotencyKey())).findFirst().orElseThrow()
                    .paymentMethod(), s.key());
            }

            // A restart from the checkpoint, and one from the journal's beginning, see the same sales with the same
            // identities, find nothing to do and charge nobody again.
            final Map<String, Long> identities = sales.stream()
                .collect(Collectors.toMap(Sale::key, Sale::correlationId));
            final PaymentProvider never = request ->
            {
                throw new AssertionError("charged again: " + request.idempotencyKey());
            };
            for (final Path state : List.of(checkpoint, dir.resolve("fresh.state")))
            {
                final SettlementService again = new SettlementService(journal, state, never, engine, retry, () -> { });
                assertFalse(again.step(), state.toString());
                assertEquals(identities, again.book().sales().stream()
                    .collect(Collectors.toMap(Sale::key, Sale::correlationId)), state.toString());
            }
            assertEquals(winners.size(), server.charges().size());
        }
    }

    private static long bidderOf(final long lot)
    {
        return 1 + lot % 4;
    }
}
