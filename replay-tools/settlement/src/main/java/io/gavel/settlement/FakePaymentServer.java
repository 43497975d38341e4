package io.gavel.settlement;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A payments provider that speaks the Stripe-like API {@link HttpPaymentProvider} uses, on 127.0.0.1 only: for the
 * demo, the tests and anyone trying Gavel without a contract.
 * <p>
 * It honours idempotency keys as a real provider does: the first result for a key is stored and every repeat gets it
 * back without charging again. Payment methods in the decline set answer 402 card_declined. With a flaky rate, that
 * share of attempts on a key not yet decided fails transiently: half before charging (503), half after charging
 * with the answer lost (500) — the case only an idempotency key makes safe. The ledger (every charge made) is served
 * at {@code GET /ledger} and, when a file is given, appended and forced to disk per charge, so it survives whatever
 * happens to its callers.
 */
public final class FakePaymentServer implements AutoCloseable
{
    /** One charge the provider made. */
    public record Charge(String paymentId, String idempotencyKey, String paymentMethod, long amount, String currency)
    {
        String line()
        {
            return paymentId + " " + idempotencyKey + " " + paymentMethod + " " + amount + " " + currency;
        }
    }

    private record Stored(int status, String body)
    {
    }

    private final HttpServer server;
    private final Set<String> declined;
    private final double flakyRate;
    private final Random random;
    private final FileChannel ledgerFile;
    private final Map<String, Stored> byKey = new HashMap<>();
    private final List<Charge> ledger = new ArrayList<>();
    private int requests;

    /**
     * @param port       0 for any free port.
     * @param declined   payment method references that are declined.
     * @param flakyRate  0..1: share of undecided attempts that fail transiently.
     * @param seed       seeds the flakiness, so a run can be repeated.
     * @param ledgerPath null for none.
     */
    public FakePaymentServer(final int port, final Set<String> declined, final double flakyRate, final long seed,
        final Path ledgerPath) throws IOException
    {
        if (flakyRate < 0 || flakyRate > 1)
        {
            throw new IllegalArgumentException("--flaky must be between 0 and 1, not " + flakyRate);
        }
        this.declined = Set.copyOf(declined);
        this.flakyRate = flakyRate;
        this.random = new Random(seed);
        this.ledgerFile = ledgerPath == null ? null : FileChannel.open(ledgerPath, StandardOpenOption.CREATE,
            StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.createContext("/v1/payment_intents", this::intents);
        server.createContext("/ledger", this::ledger);
        server.start();
    }

    /** The port it listens on (127.0.0.1). */
    public int port()
    {
        return server.getAddress().getPort();
    }

    /** A copy of the ledger, in the order charged. */
    public synchronized List<Charge> charges()
    {
        return List.copyOf(ledger);
    }

    /** Payment requests received, repeats included. */
    public synchronized int requests()
    {
        return requests;
    }

    private void intents(final HttpExchange exchange) throws IOException
    {
        if (!"POST".equals(exchange.getRequestMethod()))
        {
            reply(exchange, new Stored(405, error("invalid_request_error", "method_not_allowed")));
            return;
        }
        final String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        final Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(),
            StandardCharsets.UTF_8));
        reply(exchange, answer(key, form));
    }

    private synchronized Stored answer(final String key, final Map<String, String> form) throws IOException
    {
        requests++;
        if (key == null || key.isEmpty())
        {
            return new Stored(400, error("invalid_request_error", "idempotency_key_required"));
        }
        final Stored earlier = byKey.get(key);
        if (earlier != null)
        {
            return earlier;
        }
        final String method = form.getOrDefault("payment_method", "");
        final long amount;
        try
        {
            amount = Long.parseLong(form.getOrDefault("amount", ""));
        }
        catch (final NumberFormatException ex)
        {
            return remember(key, new Stored(400, error("invalid_request_error", "parameter_invalid_integer")));
        }
        final boolean flaky = flakyRate > 0 && random.nextDouble() < flakyRate;
        if (flaky && random.nextBoolean())
        {
            return new Stored(503, error("api_error", "service_unavailable"));
        }
        final Stored result;
        if (method.isEmpty() || amount <= 0)
        {
            result = new Stored(400, error("invalid_request_error", method.isEmpty() ? "payment_method_missing" :
                "amount_too_small"));
        }
        else if (declined.contains(method))
        {
            result = new Stored(402, "{\"error\":{\"type\":\"card_error\",\"code\":\"card_declined\"," +
                "\"decline_code\":\"generic_decline\",\"payment_method\":\"" + method + "\"}}");
        }
        else
        {
            final Charge charge = new Charge("pi_" + (ledger.size() + 1), key, method, amount,
                form.getOrDefault("currency", ""));
            ledger.add(charge);
            if (ledgerFile != null)
            {
                ledgerFile.write(java.nio.ByteBuffer.wrap((charge.line() + "\n").getBytes(StandardCharsets.UTF_8)));
                ledgerFile.force(true);
            }
            result = new Stored(200, "{\"id\":\"" + charge.paymentId() + "\",\"object\":\"payment_intent\"," +
                "\"amount\":" + amount + ",\"currency\":\"" + charge.currency() + "\",\"status\":\"succeeded\"}");
        }
        remember(key, result);
        // Charged, but the answer is "lost": the caller must retry with the same key to learn it was charged.
        return flaky ? new Stored(500, error("api_error", "internal_error")) : result;
    }

    private Stored remember(final String key, final Stored result)
    {
        byKey.put(key, result);
        return result;
    }

    private void ledger(final HttpExchange exchange) throws IOException
    {
        final StringBuilder text = new StringBuilder();
        for (final Charge charge : charges())
        {
            text.append(charge.line()).append('\n');
        }
        final byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody())
        {
            out.write(body);
        }
    }

    private static void reply(final HttpExchange exchange, final Stored stored) throws IOException
    {
        final byte[] body = stored.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(stored.status(), body.length);
        try (OutputStream out = exchange.getResponseBody())
        {
            out.write(body);
        }
    }

    private static String error(final String type, final String code)
    {
        return "{\"error\":{\"type\":\"" + type + "\",\"code\":\"" + code + "\"}}";
    }

    private static Map<String, String> form(final String body)
    {
        final Map<String, String> values = new HashMap<>();
        for (final String pair : body.split("&"))
        {
            final int eq = pair.indexOf('=');
            if (eq > 0)
            {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    @Override
    public void close() throws IOException
    {
        server.stop(0);
        if (ledgerFile != null)
        {
            ledgerFile.close();
        }
    }
}
