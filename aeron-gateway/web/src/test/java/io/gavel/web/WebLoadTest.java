package io.gavel.web;

import io.gavel.web.perf.WebLoad;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * `gavel perf web` in small: every accepted bid reaches every socket and both latencies are reported. Bigger runs:
 * -Dperf.web.sockets=1000 -Dperf.web.rate=100 -Dperf.web.seconds=10.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class WebLoadTest
{
    @Test
    void everySocketGetsEveryBidAndBothLatenciesAreReported() throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        final int exit = new WebLoad(out, Integer.getInteger("perf.web.sockets", 20),
            Integer.getInteger("perf.web.auctions", 1), Integer.getInteger("perf.web.rate", 50),
            Integer.getInteger("perf.web.seconds", 2)).run();
        final String report = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(report);
        assertEquals(0, exit, report);
        assertTrue(report.contains("aeron public stream"), report);
        assertTrue(report.contains("websocket (bid sent -> event on every socket)"), report);
    }
}
