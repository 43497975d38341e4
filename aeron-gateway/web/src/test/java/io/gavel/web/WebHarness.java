package io.gavel.web;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.gavel.client.AuctionSettings;
import io.gavel.client.GavelClient;
import io.gavel.client.GavelListener;
import io.gavel.client.Response;
import io.gavel.gateway.EmbeddedDriver;
import io.gavel.gateway.EngineConfig;
import io.gavel.gateway.GavelEngine;
import io.gavel.gateway.SessionToken;
import io.gavel.sbe.Role;
import org.agrona.CloseHelper;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A real embedded media driver, a real engine and journal, and a real web edge on a free port, in a test's temporary
 * directory. The sale: auction 1 (LIVE) with lots 1..3 from 100.00, bidders 5, 6 and 7 (paddles 105..107) approved,
 * clerk 50 assigned; the admin session stays open to run what a test needs.
 */
final class WebHarness implements AutoCloseable
{
    static final String SECRET = "web-test-secret";
    static final long AUCTION = 1;

    final MediaDriver driver;
    final GavelEngine engine;
    final Aeron aeron;
    final EngineConfig config;
    final WebGateway web;
    final GavelClient admin;

    WebHarness(final Path dir, final String... settings)
    {
        final String aeronDir = dir.resolve("aeron").toString();
        driver = EmbeddedDriver.launch(aeronDir);
        config = EngineConfig.defaults()
            .set("gavel.aeron.dir", aeronDir)
            .set("gavel.journal.dir", dir.resolve("journal").toString())
            .set("gavel.token.secret", SECRET)
            .set("gavel.web.port", "0")
            // The admin session sits idle while browsers work: keep it open.
            .set("gavel.session.timeout.ms", "600000")
            .set("gavel.web.video.1", "https://video.example/embed/sale1");
        for (int i = 0; i < settings.length; i += 2)
        {
            config.set(settings[i], settings[i + 1]);
        }
        GavelEngine started = null;
        Aeron client = null;
        WebGateway gateway = null;
        GavelClient adminClient = null;
        try
        {
            started = GavelEngine.start(config);
            client = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
            adminClient = GavelClient.connect(new GavelClient.Context().aeron(client)
                .token(token(900, Role.ADMIN)).timeout(Duration.ofSeconds(10)));
            gateway = WebGateway.start(config, client);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(gateway, adminClient, client, started, driver);
            throw ex;
        }
        engine = started;
        aeron = client;
        web = gateway;
        admin = adminClient;
    }

    /** A LIVE sale of three lots, three approved bidders and an assigned clerk. */
    WebHarness liveSale()
    {
        accept(admin.createAuction(AUCTION, AuctionSettings.live()));
        for (long lot = 1; lot <= 3; lot++)
        {
            accept(admin.addLot(AUCTION, lot, 100_00, 0, 0, 0));
        }
        for (long bidder = 5; bidder <= 7; bidder++)
        {
            accept(admin.registerBidder(AUCTION, bidder, 100 + bidder, 0));
            accept(admin.approveBidder(AUCTION, bidder));
        }
        accept(admin.assignClerk(AUCTION, 50, true));
        return this;
    }

    void accept(final long correlationId)
    {
        final Response response = admin.await(correlationId, Duration.ofSeconds(30));
        if (response == null || !response.accepted())
        {
            throw new AssertionError("setup command refused: " + response);
        }
    }

    static String token(final long principal, final Role role)
    {
        return SessionToken.issue(SECRET, principal, role, System.currentTimeMillis() + 600_000);
    }

    String origin()
    {
        return "http://127.0.0.1:" + web.port();
    }

    String url(final String path)
    {
        return origin() + path;
    }

    public void close()
    {
        CloseHelper.quietCloseAll(web, admin, aeron, engine, driver);
    }
}
