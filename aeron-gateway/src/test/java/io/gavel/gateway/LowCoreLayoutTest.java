package io.gavel.gateway;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.gavel.client.AuctionSettings;
import io.gavel.client.GavelClient;
import io.gavel.client.GavelListener;
import io.gavel.client.Response;
import io.gavel.sbe.Role;
import org.agrona.CloseHelper;
import org.agrona.concurrent.AgentInvoker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.gavel.gateway.EndToEndTest.assertAccepted;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code gavel.layout=low-core}: the engine's ingress agent runs the Aeron client conductor and an invoker-mode media
 * driver, with no driver or conductor thread of their own, and the engine still answers bids over Aeron; a bad layout
 * is refused with the choices ({@code default} stays accepted for {@code staged}); low-core is the default.
 */
@Timeout(60)
class LowCoreLayoutTest
{
    @TempDir
    Path dir;

    @Test
    void aLowCoreEngineRunsTheDriverOnItsIngressThreadAndAnswersBids()
    {
        final String aeronDir = dir.resolve("aeron").toString();
        final MediaDriver driver = EmbeddedDriver.launch(aeronDir, EngineLayout.LOW_CORE);
        GavelEngine engine = null;
        Aeron aeron = null;
        try
        {
            final AgentInvoker invoker = EmbeddedDriver.invoker(driver);
            assertNotNull(invoker, "an invoker-mode driver has an invoker");
            final EngineConfig config = EngineConfig.defaults()
                .set("gavel.aeron.dir", aeronDir)
                .set("gavel.journal.dir", dir.resolve("journal").toString())
                .set("gavel.token.secret", EngineHarness.SECRET)
                .set("gavel.layout", "low-core");
            engine = GavelEngine.start(config, invoker);
            // No thread runs the driver or the engine's client conductor: only the ingress agent does.
            for (final Thread thread : Thread.getAllStackTraces().keySet())
            {
                assertFalse(thread.getName().contains("driver-conductor"), "a driver thread runs: " + thread.getName());
                assertFalse(thread.getName().contains("aeron-client-conductor"),
                    "a client conductor thread runs: " + thread.getName());
                assertFalse(thread.getName().startsWith("gavel-ring"), "a ring thread runs: " + thread.getName());
            }
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
            try (GavelClient admin = client(aeron, config, EndToEndTest.ADMIN, Role.ADMIN))
            {
                final long end = System.currentTimeMillis() * 1_000_000L + TimeUnit.MINUTES.toNanos(10);
                assertAccepted(admin, admin.createAuction(EndToEndTest.AUCTION, AuctionSettings.timed()));
                assertAccepted(admin, admin.addLot(EndToEndTest.AUCTION, EndToEndTest.LOT, 10_00, 0, 0, end));
                assertAccepted(admin, admin.registerBidder(EndToEndTest.AUCTION, EndToEndTest.BIDDER, 142, 0));
                assertAccepted(admin, admin.approveBidder(EndToEndTest.AUCTION, EndToEndTest.BIDDER));
            }
            try (GavelClient bidder = client(aeron, config, EndToEndTest.BIDDER, Role.BIDDER))
            {
                for (int i = 1; i <= 20; i++)
                {
                    final Response response = bidder.await(bidder.maxBid(EndToEndTest.AUCTION, EndToEndTest.LOT,
                        EndToEndTest.BIDDER, 50_00 + i * 100), Duration.ofSeconds(10));
                    assertNotNull(response, "no answer to bid " + i);
                    assertTrue(response.accepted(), response.toString());
                }
            }
            assertNull(engine.failure());
        }
        finally
        {
            CloseHelper.quietCloseAll(aeron, engine, driver);
        }
    }

    @Test
    void theStagedLayoutDriverHasNoInvokerAndLowCoreIsTheDefault()
    {
        try (MediaDriver driver = EmbeddedDriver.launch(dir.resolve("aeron").toString(), EngineLayout.STAGED))
        {
            assertNull(EmbeddedDriver.invoker(driver));
        }
        assertEquals(EngineLayout.LOW_CORE, EngineConfig.defaults().layout());
    }

    @Test
    void aBadLayoutIsRefusedWithTheChoices()
    {
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> EngineConfig.defaults().set("gavel.layout", "tiny").layout());
        assertEquals("setting 'gavel.layout' must be low-core or staged (default is an alias of staged), not 'tiny'",
            refused.getMessage());
        assertEquals(EngineLayout.LOW_CORE, EngineLayout.parse(" Low-Core "));
        assertEquals(EngineLayout.STAGED, EngineLayout.parse("staged"));
        assertEquals(EngineLayout.STAGED, EngineLayout.parse("default"), "default stays accepted for staged");
    }

    @Test
    void anInvokerDriverNeedsTheLowCoreLayout()
    {
        try (MediaDriver driver = EmbeddedDriver.launch(dir.resolve("aeron").toString(), EngineLayout.LOW_CORE))
        {
            final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> GavelEngine.start(EngineConfig.defaults().set("gavel.token.secret", "s")
                    .set("gavel.layout", "staged"), EmbeddedDriver.invoker(driver)));
            assertEquals("an invoker-mode media driver needs gavel.layout=low-core", refused.getMessage());
        }
    }

    static GavelClient client(final Aeron aeron, final EngineConfig config, final long principal,
        final Role role)
    {
        return GavelClient.connect(new GavelClient.Context()
            .aeron(aeron)
            .ingress(config.ingressChannel(), config.ingressStream())
            .publicStream(config.publicChannel(), config.publicStream())
            .token(EngineHarness.token(principal, role))
            .listener(new GavelListener() {})
            .timeout(Duration.ofSeconds(10)));
    }
}
