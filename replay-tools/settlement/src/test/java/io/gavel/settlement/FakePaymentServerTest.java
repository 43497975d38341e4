package io.gavel.settlement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The provider boundary over real HTTP on 127.0.0.1: the adapter's reading of every kind of answer, and the fake
 * provider's idempotency (the same key twice charges once), declines and flakiness.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FakePaymentServerTest
{
    @TempDir
    Path dir;

    @Test
    void theSameKeyTwiceChargesOnceAndAnswersTheSame() throws Exception
    {
        final Path ledger = dir.resolve("ledger.txt");
        try (FakePaymentServer server = new FakePaymentServer(0, Set.of(), 0, 1, ledger))
        {
            final HttpPaymentProvider provider = provider(server);
            final ChargeRequest request = new ChargeRequest("gavel-a1-l1-s1-j9.2", "pm_ok", 120_00, "EUR", "lot 1");
            final ChargeOutcome first = provider.charge(request);
            final ChargeOutcome again = provider.charge(request);
            assertEquals(ChargeOutcome.Kind.SUCCEEDED, first.kind());
            assertEquals(first, again);
            assertEquals(1, server.charges().size());
            assertEquals(12000, server.charges().get(0).amount());
            assertEquals("eur", server.charges().get(0).currency());
            assertEquals(2, server.requests());
            assertEquals(1, Files.readAllLines(ledger).size());
            assertEquals(ChargeOutcome.Kind.SUCCEEDED, provider.charge(new ChargeRequest("other", "pm_ok", 5, "EUR",
                "")).kind());
            assertEquals(2, server.charges().size());
        }
    }

    @Test
    void aDeclinedCardIsDeclinedForGood() throws Exception
    {
        try (FakePaymentServer server = new FakePaymentServer(0, Set.of("pm_bad"), 0, 1, null))
        {
            final ChargeOutcome outcome = provider(server).charge(new ChargeRequest("k", "pm_bad", 100, "EUR", ""));
            assertEquals(ChargeOutcome.Kind.DECLINED, outcome.kind());
            assertTrue(outcome.detail().contains("402"), outcome.detail());
            assertTrue(server.charges().isEmpty());
        }
    }

    @Test
    void aFlakyProviderChargesOnceAcrossRetries() throws Exception
    {
        try (FakePaymentServer server = new FakePaymentServer(0, Set.of(), 1.0, 7, null))
        {
            final HttpPaymentProvider provider = provider(server);
            final ChargeRequest request = new ChargeRequest("flaky-1", "pm_ok", 100, "EUR", "");
            int transients = 0;
            ChargeOutcome outcome = provider.charge(request);
            while (outcome.kind() == ChargeOutcome.Kind.TRANSIENT && transients < 50)
            {
                transients++;
                outcome = provider.charge(request);
            }
            // Rate 1.0: every attempt before the charge fails, and the charging one loses its answer (500).
            assertTrue(transients >= 1);
            assertEquals(ChargeOutcome.Kind.SUCCEEDED, outcome.kind());
            assertEquals(1, server.charges().size());
        }
    }

    @Test
    void theAdapterReadsEveryKindOfAnswer()
    {
        assertEquals(ChargeOutcome.Kind.SUCCEEDED,
            HttpPaymentProvider.interpret(200, "{\"id\":\"pi_1\",\"status\":\"succeeded\"}").kind());
        assertEquals("pi_1", HttpPaymentProvider.interpret(200, "{\"id\":\"pi_1\",\"status\":\"succeeded\"}")
            .reference());
        assertEquals(ChargeOutcome.Kind.DECLINED,
            HttpPaymentProvider.interpret(200, "{\"id\":\"pi_1\",\"status\":\"requires_action\"}").kind());
        assertEquals(ChargeOutcome.Kind.DECLINED, HttpPaymentProvider.interpret(402, "{}").kind());
        assertEquals(ChargeOutcome.Kind.DECLINED, HttpPaymentProvider.interpret(400, "{}").kind());
        for (final int status : new int[]{409, 429, 500, 502, 503})
        {
            assertEquals(ChargeOutcome.Kind.TRANSIENT, HttpPaymentProvider.interpret(status, "").kind());
        }
    }

    @Test
    void anUnreachableProviderIsTransient() throws Exception
    {
        final int port;
        try (FakePaymentServer server = new FakePaymentServer(0, Set.of(), 0, 1, null))
        {
            port = server.port();
        }
        final ChargeOutcome outcome = new HttpPaymentProvider("http://127.0.0.1:" + port, "", Duration.ofSeconds(2))
            .charge(new ChargeRequest("k", "pm", 1, "EUR", ""));
        assertEquals(ChargeOutcome.Kind.TRANSIENT, outcome.kind());
    }

    private static HttpPaymentProvider provider(final FakePaymentServer server)
    {
        return new HttpPaymentProvider("http://127.0.0.1:" + server.port(), "sk_test", Duration.ofSeconds(5));
    }
}
