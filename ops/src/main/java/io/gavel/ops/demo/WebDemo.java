package io.gavel.ops.demo;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.gavel.client.AuctionSettings;
import io.gavel.client.AuctionMirror;
import io.gavel.client.GavelClient;
import io.gavel.client.Response;
import io.gavel.gateway.EmbeddedDriver;
import io.gavel.gateway.EngineConfig;
import io.gavel.gateway.GavelEngine;
import io.gavel.gateway.SessionToken;
import io.gavel.sbe.LotState;
import io.gavel.sbe.Role;
import io.gavel.web.WebGateway;
import org.agrona.IoUtil;
import org.agrona.concurrent.ShutdownSignalBarrier;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

/**
 * {@code gavel demo --web}: an engine and the web edge in one JVM, a LIVE sale of a few lots run by a simulated
 * clerk at a pace a person can follow (a floor bid every few seconds, fair warning, hammer), with the addresses
 * (and tokens) of two bidder pages and the clerk console printed to open in a browser.
 */
public final class WebDemo
{
    private static final long AUCTION = 1;
    private static final int LOTS = 4;
    /** Each demo bidder's bidding limit (minor units), as a house sets one: a bid past it is refused OVER_LIMIT. */
    static final long LIMIT = 2_000_00;

    private final PrintStream out;
    private final int port;
    private final double paceSeconds;
    private volatile boolean stopping;
    private volatile boolean stoppedByCall;

    public WebDemo(final PrintStream out, final int port, final double paceSeconds)
    {
        this.out = out;
        this.port = port;
        this.paceSeconds = paceSeconds;
    }

    /** Ends the demo as Ctrl-C does: the sale stops, everything closes, {@link #run} returns. */
    public void stop()
    {
        stoppedByCall = true;
        stopping = true;
    }

    public int run() throws Exception
    {
        // Ctrl-C / SIGTERM at any point (during the sale too) ends the demo through the same clean path: the
        // shutdown hook waits until everything below is closed, so the engine's journal and the driver close whole.
        final ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
        final Thread signals = new Thread(() ->
        {
            barrier.await();
            stopping = true;
        }, "gavel-web-demo-signals");
        signals.setDaemon(true);
        signals.start();
        final Path dir = Files.createTempDirectory("gavel-web-demo");
        try
        {
            sale(dir);
            return 0;
        }
        finally
        {
            IoUtil.delete(dir.resolve("aeron").toFile(), true);
            out.println("stopped (journal kept in " + dir.resolve("journal") + ")");
            out.flush();
            if (stoppedByCall || !stopping)
            {
                // Not ending on a signal (stop() or a failure): the JVM goes on, so take the hook away again.
                try
                {
                    barrier.remove();
                }
                catch (final IllegalStateException shuttingDown)
                {
                    // the JVM is exiting after all; the hook is running and waits for close() below
                }
                barrier.signal();
            }
            barrier.close();
        }
    }

    private void sale(final Path dir) throws Exception
    {
        final String secret = HexFormat.of().formatHex(SecureRandom.getInstanceStrong().generateSeed(16));
        final String aeronDir = dir.resolve("aeron").toString();
        final EngineConfig config = EngineConfig.defaults()
            .set("gavel.aeron.dir", aeronDir)
            .set("gavel.journal.dir", dir.resolve("journal").toString())
            .set("gavel.token.secret", secret)
            .set("gavel.web.port", Integer.toString(port))
            .set("gavel.session.timeout.ms", "600000");
        try (MediaDriver driver = EmbeddedDriver.launch(aeronDir);
            GavelEngine engine = GavelEngine.start(config);
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
            WebGateway web = WebGateway.start(config, aeron);
            GavelClient clerk = GavelClient.connect(new GavelClient.Context().aeron(aeron)
                .token(token(secret, 900, Role.AUCTIONEER)).timeout(Duration.ofSeconds(10))))
        {
            final AuctionMirror mirror = new AuctionMirror(AUCTION);
            clerk.listener(mirror);
            accept(clerk, clerk.createAuction(AUCTION, AuctionSettings.live()));
            for (long lot = 1; lot <= LOTS; lot++)
            {
                // Reserve just above the opening price: the room's second bid meets it, so lots sell.
                accept(clerk, clerk.addLot(AUCTION, lot, 100_00 * lot, 100_00 * lot + 1_00, 0, 0));
            }
            for (long bidder = 5; bidder <= 8; bidder++)
            {
                accept(clerk, clerk.registerBidder(AUCTION, bidder, 100 + bidder, LIMIT));
                accept(clerk, clerk.approveBidder(AUCTION, bidder));
            }
            mirror.sync(clerk);
            final String base = "http://127.0.0.1:" + web.port();
            out.println("Gavel web demo: open these in a browser (each is a different person)");
            out.println("  bidder, paddle 105: " + base + "/auctions/1#token=" + token(secret, 5, Role.BIDDER));
            out.println("  bidder, paddle 106: " + base + "/auctions/1#token=" + token(secret, 6, Role.BIDDER));
            out.println("  clerk console:      " + base + "/clerk/1#token=" + token(secret, 900, Role.AUCTIONEER));
            out.println("The auctioneer opens a lot every few seconds; the room (paddles 107 and 108) bids a few " +
                "times, then fair warning and the hammer. Bid from the pages to join in. Ctrl-C to stop.");
            out.flush();
            pause(clerk, 3 * paceSeconds);
            for (long lot = 1; lot <= LOTS && !stopping; lot++)
            {
                runLot(clerk, mirror, lot);
            }
            if (!stopping)
            {
                out.println("sale over; pages stay up until Ctrl-C (journal in " + dir.resolve("journal") + ")");
                out.flush();
            }
            while (!stopping)
            {
                pause(clerk, 0.2);
            }
            out.println("stopping");
            out.flush();
        }
    }

    private void runLot(final GavelClient clerk, final AuctionMirror mirror, final long lot)
    {
        accept(clerk, clerk.openLot(AUCTION, lot));
        out.println("lot " + lot + " open");
        for (int floorBids = 0; floorBids < 3 && !stopping; floorBids++)
        {
            pause(clerk, paceSeconds * 2);
            final AuctionMirror.LotView view = mirror.lot(lot);
            if (view != null && view.state() == LotState.OPEN)
            {
                // The room's two paddles take turns, so the price climbs; whoever leads is not outbid by itself.
                final long bidder = view.leaderId() == 7 ? 8 : 7;
                clerk.floorBid(AUCTION, lot, 100 + bidder, view.ask(), view.askVersion());
                out.println("  floor bid, paddle " + (100 + bidder) + ", " + money(view.ask()));
            }
        }
        if (stopping)
        {
            return;
        }
        pause(clerk, paceSeconds * 2);
        accept(clerk, clerk.fairWarning(AUCTION, lot));
        out.println("  fair warning");
        pause(clerk, paceSeconds * 2);
        final Response hammer = clerk.await(clerk.hammer(AUCTION, lot), Duration.ofSeconds(10));
        pause(clerk, 0.2);
        final AuctionMirror.LotView view = mirror.lot(lot);
        out.println("  " + (view == null ? "hammer " + hammer : view.state() + " at " + money(view.price()) +
            (view.state() == LotState.SOLD ? " to bidder " + view.leaderId() : "")));
        out.flush();
        pause(clerk, paceSeconds * 2);
    }

    private static String money(final long minorUnits)
    {
        return String.format("%d.%02d", minorUnits / 100, minorUnits % 100);
    }

    private static String token(final String secret, final long principal, final Role role)
    {
        return SessionToken.issue(secret, principal, role, System.currentTimeMillis() + Duration.ofHours(12).toMillis());
    }

    private static void accept(final GavelClient client, final long correlationId)
    {
        final Response response = client.await(correlationId, Duration.ofSeconds(10));
        if (response == null || !response.accepted())
        {
            throw new IllegalStateException("demo command refused: " + response);
        }
    }

    /** Keeps the clerk's session polled (answers, events, heartbeats) while the room waits; ends early on stop. */
    private void pause(final GavelClient client, final double seconds)
    {
        client.pollUntil(() -> stopping, Duration.ofMillis((long)(seconds * 1000)));
    }
}
