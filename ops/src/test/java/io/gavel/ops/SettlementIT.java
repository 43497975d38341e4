package io.gavel.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 15's settlement proof over real processes: {@code gavel driver}, {@code gavel engine}, {@code gavel payments
 * fake} (declining one card, flaky) and {@code gavel settle}. Three lots sell; one winner's card is declined, so R7
 * passes that lot to the runner-up, who is charged; transient failures are retried; {@code kill -9} of the settlement
 * service while a charge is being retried, then a restart: every winner is charged exactly once (the provider's
 * ledger) and every sale is settled (the journal's audit and {@code gavel settle status}).
 */
@Timeout(value = 400, unit = TimeUnit.SECONDS)
class SettlementIT
{
    @TempDir
    Path dir;

    @Test
    void everyWinnerChargedExactlyOnceAcrossADeclineFlakinessAndAKill() throws Exception
    {
        final int port;
        try (ServerSocket socket = new ServerSocket(0))
        {
            port = socket.getLocalPort();
        }
        final Path config = dir.resolve("gavel.properties");
        Files.writeString(config, "gavel.aeron.dir=" + dir.resolve("aeron") + "\n" +
            "gavel.journal.dir=" + dir.resolve("journal") + "\n" +
            "gavel.token.secret=settlement-test\n" +
            "gavel.ingress.stream=3101\ngavel.public.stream=3102\n" +
            "gavel.settlement.provider.url=http://127.0.0.1:" + port + "\n" +
            "gavel.settlement.checkpoint=" + dir.resolve("settle.state") + "\n" +
            "gavel.settlement.retry.backoff.ms=1500\n" +
            "gavel.settlement.retry.deadline.ms=120000\n" +
            "gavel.reputation.suspend.defaults=1\n");
        final String c = config.toString();
        final Path ledger = dir.resolve("ledger.txt");
        final Process driver = GavelProcess.builder(dir, dir.resolve("driver.log"), "driver", "-c", c).start();
        Process engine = null;
        Process provider = null;
        Process settle = null;
        try
        {
            GavelProcess.awaitLog(dir.resolve("driver.log"), "media driver running", driver);
            engine = GavelProcess.builder(dir, dir.resolve("engine.log"), "engine", "-c", c).start();
            GavelProcess.awaitLog(dir.resolve("engine.log"), "  public ", engine);
            provider = GavelProcess.builder(dir, dir.resolve("provider.log"), "payments", "fake", "--port",
                Integer.toString(port), "--decline", "pm_declined", "--flaky", "0.7", "--seed", "3", "--ledger",
                ledger.toString()).start();
            GavelProcess.awaitLog(dir.resolve("provider.log"), "fake payments provider on", provider);

            ok("auction", "create", "-c", c, "--auction", "7", "--format", "LIVE", "--currency", "EUR",
                "--premium", "20%", "--increments", "0:10");
            final String[] methods = {"pm_one", "pm_declined", "pm_three"};
            for (int b = 1; b <= 3; b++)
            {
                ok("bidder", "register", "-c", c, "--auction", "7", "--bidder", Integer.toString(b), "--paddle",
                    "10" + b, "--payment-method", methods[b - 1]);
                ok("bidder", "approve", "-c", c, "--auction", "7", "--bidder", Integer.toString(b));
            }
            sell(c, 1, new int[]{3, 1});      // bidder 1 at 110.00
            sell(c, 2, new int[]{1, 2});      // bidder 2 at 110.00: declined, passes to bidder 1 at 100.00
            sell(c, 3, new int[]{3});         // bidder 3 at 100.00

            final Path settleLog = dir.resolve("settle-1.log");
            settle = GavelProcess.builder(dir, settleLog, "settle", "-c", c).start();
            GavelProcess.awaitLog(settleLog, "failed transiently", settle);
            settle.destroyForcibly(); // kill -9 while a charge waits for its retry
            assertTrue(settle.waitFor(30, TimeUnit.SECONDS));

            final GavelProcess.Result midway = ok("settle", "status", "-c", c);
            assertFalse(midway.out().contains("paid 3,"), midway.out());

            final Path settleLog2 = dir.resolve("settle-2.log");
            settle = GavelProcess.builder(dir, settleLog2, "settle", "-c", c).start();
            GavelProcess.Result status = null;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(200);
            while (System.nanoTime() < deadline)
            {
                status = ok("settle", "status", "-c", c);
                if (status.out().contains("awaiting 0, charging 0, reporting 0, paid 3, failed 0, passed down 1"))
                {
                    break;
                }
                assertTrue(settle.isAlive(), Files.readString(settleLog2));
            }
            assertNotNull(status);
            assertTrue(status.out().contains("awaiting 0, charging 0, reporting 0, paid 3, failed 0, passed down 1"),
                status.out() + "\n" + Files.readString(settleLog2));
            assertTrue(status.out().contains("auction 7 lot 2 sale 1  bidder 2"), status.out());
            assertTrue(status.out().contains("declined"), status.out());

            // The provider's ledger: exactly one charge per paid sale, never the declined card, invoice amounts.
            final List<String> charges = Files.readAllLines(ledger);
            assertEquals(3, charges.size(), String.join("\n", charges));
            final Set<String> keys = charges.stream().map(line -> line.split(" ")[1]).collect(Collectors.toSet());
            assertEquals(3, keys.size(), "one charge per key: " + charges);
            assertEquals(List.of("pm_one 12000 eur", "pm_one 13200 eur", "pm_three 12000 eur"),
                charges.stream().map(line -> line.substring(line.indexOf(" pm_") + 1)).sorted()
                    .collect(Collectors.toList()));
            assertTrue(Files.readString(settleLog2).contains("failed transiently") ||
                Files.readString(settleLog).contains("failed transiently"));

            // The journal holds the whole saga of lot 2, in order.
            final String audit = ok("journal", "audit", dir.resolve("journal").toString(), "--auction", "7",
                "--lot", "2").out();
            final int sold = audit.indexOf("LotSold");
            final int failed = audit.indexOf("FAILED", sold);
            final int second = audit.indexOf("LotSold", failed);
            final int paid = audit.indexOf("PAID", second);
            assertTrue(sold >= 0 && failed > sold && second > failed && paid > second, audit);
            assertTrue(audit.contains("SETTLEMENT"), audit);

            final String lots = ok("auction", "status", "-c", c, "--auction", "7").out();
            assertTrue(lots.matches("(?s).*\\n\\s+2\\s+SOLD\\s+paddle 101\\s+100\\.00.*"), lots);

            // Reputation from the same journal, and the policy acting through the engine with its reason.
            final String journal = dir.resolve("journal").toString();
            final String defaulter = ok("reputation", journal, "--bidder", "2", "--format", "json").out();
            assertTrue(defaulter.contains("\"defaults\":1") && defaulter.contains("\"wins\":1"), defaulter);
            final String worst = ok("reputation", journal, "--top", "1", "--signal", "default").out();
            assertTrue(worst.startsWith("bidder 2  score "), worst);
            final String applied = ok("reputation", journal, "--apply", "-c", c).out();
            assertTrue(applied.contains("suspended bidder 2 in auction 7 (DEFAULTS"), applied);
            final String trail = ok("journal", "audit", journal, "--auction", "7").out();
            assertTrue(trail.contains("suspend auction=7 bidder=2 reason=DEFAULTS"), trail);
        }
        finally
        {
            for (final Process process : new Process[]{settle, provider, engine})
            {
                if (process != null)
                {
                    process.destroyForcibly();
                    process.waitFor(30, TimeUnit.SECONDS);
                }
            }
            driver.destroy();
            driver.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Adds and opens the lot, bids 100, 110, ... by the bidders in turn, then the hammer. */
    private void sell(final String c, final int lot, final int[] bidders) throws Exception
    {
        final String l = Integer.toString(lot);
        ok("auction", "add-lot", "-c", c, "--auction", "7", "--lot", l, "--start", "100");
        ok("auction", "open-lot", "-c", c, "--auction", "7", "--lot", l);
        int amount = 100;
        for (final int bidder : bidders)
        {
            ok("bid", "-c", c, "--auction", "7", "--lot", l, "--bidder", Integer.toString(bidder), "--amount",
                Integer.toString(amount), "--principal", Integer.toString(bidder), "--role", "BIDDER");
            amount += 10;
        }
        ok("auction", "hammer", "-c", c, "--auction", "7", "--lot", l);
    }

    private GavelProcess.Result ok(final String... args) throws Exception
    {
        final GavelProcess.Result result = GavelProcess.run(dir, args);
        assertEquals(0, result.exit(), String.join(" ", args) + " -> " + result);
        return result;
    }
}
