package io.gavel.settlement;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The adapter for a Stripe-like payments API: {@code POST /v1/payment_intents} (form encoded: amount, currency,
 * payment_method, confirm=true, description) with an {@code Idempotency-Key} header and a bearer API key.
 * <p>
 * 200 with {@code "status": "succeeded"} is a charge; 402 (card_error) and other 4xx are refusals a retry cannot
 * change; 409 (the same key is still being processed), 429, 5xx, timeouts and connection failures are transient.
 */
public final class HttpPaymentProvider implements PaymentProvider
{
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern CODE = Pattern.compile("\"(?:decline_)?code\"\\s*:\\s*\"([^\"]*)\"");

    private final HttpClient http;
    private final URI intents;
    private final String apiKey;
    private final Duration requestTimeout;

    /**
     * @param baseUrl        e.g. {@code http://127.0.0.1:8470} or {@code https://api.stripe.com}.
     * @param apiKey         the secret key (sent as a bearer token); empty for the fake provider.
     * @param requestTimeout how long one request may take before it counts as a transient failure.
     */
    public HttpPaymentProvider(final String baseUrl, final String apiKey, final Duration requestTimeout)
    {
        final String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.intents = URI.create(base + "/v1/payment_intents");
        this.apiKey = apiKey;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(requestTimeout).build();
    }

    @Override
    public ChargeOutcome charge(final ChargeRequest request)
    {
        final String form = "amount=" + request.amount() +
            "&currency=" + encode(request.currency().toLowerCase(java.util.Locale.ROOT)) +
            "&payment_method=" + encode(request.paymentMethod()) +
            "&confirm=true&description=" + encode(request.description());
        final HttpRequest.Builder builder = HttpRequest.newBuilder(intents)
            .timeout(requestTimeout)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Idempotency-Key", request.idempotencyKey())
            .POST(HttpRequest.BodyPublishers.ofString(form));
        if (!apiKey.isEmpty())
        {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        final HttpResponse<String> response;
        try
        {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (final HttpTimeoutException ex)
        {
            return ChargeOutcome.transientFailure("timed out after " + requestTimeout.toMillis() + " ms");
        }
        catch (final IOException ex)
        {
            return ChargeOutcome.transientFailure("cannot reach " + intents + ": " + ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return ChargeOutcome.transientFailure("interrupted");
        }
        return interpret(response.statusCode(), response.body());
    }

    /** The meaning of one answer; package-private for tests. */
    static ChargeOutcome interpret(final int status, final String body)
    {
        if (status == 200)
        {
            final String state = first(STATUS, body);
            return "succeeded".equals(state) ? ChargeOutcome.succeeded(first(ID, body)) :
                ChargeOutcome.declined("payment intent status " + state);
        }
        if (status == 409 || status == 429 || status >= 500)
        {
            return ChargeOutcome.transientFailure("HTTP " + status);
        }
        final String code = first(CODE, body);
        return ChargeOutcome.declined("HTTP " + status + (code.isEmpty() ? "" : " " + code));
    }

    private static String first(final Pattern pattern, final String body)
    {
        final Matcher matcher = pattern.matcher(body == null ? "" : body);
        return matcher.find() ? matcher.group(1) : "";
    }

    private static String encode(final String value)
    {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
