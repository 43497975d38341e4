package io.gavel.ops;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.gavel.client.GavelClient;
import io.gavel.client.GavelListener;
import io.gavel.gateway.EmbeddedDriver;
import io.gavel.gateway.EngineConfig;
import io.gavel.gateway.GavelEngine;
import io.gavel.gateway.SessionToken;
import io.gavel.sbe.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code gavel stats} shows frames, commands, connects and heartbeats apart (issue 12): an operator can tell a
 * session that only heartbeats from one that floods commands.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StatsCountersTest
{
    @TempDir
    Path dir;

    @Test
    void framesCommandsConnectsAndHeartbeatsAreCountedApart() throws Exception
    {
        final String aeronDir = dir.resolve("aeron").toString();
        final EngineConfig config = EngineConfig.defaults().set("gavel.aeron.dir", aeronDir)
            .set("gavel.journal.dir", dir.resolve("journal").toString()).set("gavel.token.secret", "s")
            .set("gavel.ingress.stream", "5201").set("gavel.public.stream", "5202");
        final Path file = dir.resolve("gavel.properties");
        Files.writeString(file, "gavel.aeron.dir=" + aeronDir + "\n");
        try (MediaDriver driver = EmbeddedDriver.launch(aeronDir);
            GavelEngine engine = GavelEngine.start(config);
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
            GavelClient client = GavelClient.connect(new GavelClient.Context().aeron(aeron).ingress("aeron:ipc", 5201)
                .publicStream("aeron:ipc", 5202).subscribePublic(false).listener(new GavelListener() {})
                .token(SessionToken.issue("s", 4, Role.ADMIN, System.currentTimeMillis() + 60_000))
                .heartbeatInterval(Duration.ofMillis(10))))
        {
            assertNotNull(client.await(client.requestAuctionStatus(1), Duration.ofSeconds(10)));
            assertNotNull(client.await(client.requestAuctionStatus(2), Duration.ofSeconds(10)));
            assertTrue(client.pollUntil(() -> engine.counters().heartbeats.get() > 0, Duration.ofSeconds(10)));
            final CommandLineErrorsTest.Outcome stats = CommandLineErrorsTest.gavel("stats", "-c", file.toString(),
                "--once");
            assertEquals(0, stats.exit(), stats.err());
            final long frames = counter(stats.out(), "frames in");
            final long commands = counter(stats.out(), "commands in");
            final long connects = counter(stats.out(), "connects in");
            final long heartbeats = counter(stats.out(), "heartbeats in");
            assertEquals(2, commands, stats.out());
            assertEquals(1, connects, stats.out());
            assertTrue(heartbeats > 0, stats.out());
            assertTrue(frames >= commands + connects + heartbeats, stats.out());
        }
    }

    private static long counter(final String out, final String label)
    {
        final Matcher matcher = Pattern.compile("(\\d+)  gavel: " + label + "\\b").matcher(out);
        assertTrue(matcher.find(), label + " not shown: " + out);
        return Long.parseLong(matcher.group(1));
    }
}
