package io.gavel.ops.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code gavel demo --web} as a new user runs it: it prints the three addresses with the token in the fragment
 * only, every page answers, the room's bids sell a lot, and a stop (what Ctrl-C does) ends it cleanly.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class WebDemoTest
{
    private static final Pattern ADDRESS = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+(/\\S*?))#token=(\\S+)");

    @Test
    void servesThePagesPrintsAddressesWithTokensInTheFragmentSellsAndStopsCleanly() throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        final WebDemo demo = new WebDemo(out, 0, 0.05);
        final FutureTask<Integer> run = new FutureTask<>(demo::run);
        final Thread thread = new Thread(run, "web-demo-test");
        thread.start();
        try
        {
            final String printed = awaitOutput(bytes, text -> text.contains("clerk console:"), run);
            final Matcher m = ADDRESS.matcher(printed);
            final HttpClient http = HttpClient.newHttpClient();
            int pages = 0;
            while (m.find())
            {
                pages++;
                assertFalse(m.group(1).contains("token"), "the token travels in the fragment only: " + m.group());
                assertTrue(m.group(3).matches("\\d+\\.(BIDDER|AUCTIONEER)\\.\\d+\\.[0-9a-f]{64}"), m.group(3));
                final HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(m.group(1))).build(),
                    HttpResponse.BodyHandlers.ofString());
                assertEquals(200, page.statusCode(), m.group(1));
                assertTrue(page.body().contains(m.group(2).startsWith("/clerk") ? "data-testid=\"hammer-button\"" :
                    "data-testid=\"bid-button\""), page.body());
            }
            assertEquals(3, pages, printed);
            // The room bids past the reserve: the first lot sells.
            assertTrue(awaitOutput(bytes, text -> text.contains("  SOLD at "), run).contains("lot 1 open"));
        }
        finally
        {
            demo.stop();
        }
        assertEquals(0, run.get(20, TimeUnit.SECONDS));
        thread.join(5_000);
        final String all = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(all.contains("stopping") && all.contains("stopped (journal kept in "), all);
    }

    private static String awaitOutput(final ByteArrayOutputStream bytes, final Predicate<String> test,
        final FutureTask<Integer> run) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        while (System.nanoTime() < deadline)
        {
            final String text = bytes.toString(StandardCharsets.UTF_8);
            if (test.test(text))
            {
                return text;
            }
            if (run.isDone())
            {
                fail("the demo ended early (" + run.get() + "): " + text);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // polling the output, not waiting blind
        }
        return fail("not printed within 45 s: " + bytes.toString(StandardCharsets.UTF_8));
    }
}
