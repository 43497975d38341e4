package io.gavel.perf.load;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.gavel.client.AuctionSettings;
import io.gavel.client.GavelClient;
import io.gavel.client.GavelListener;
import io.gavel.client.Response;
import io.gavel.protocol.CommandEncoder;
import io.gavel.gateway.DriverLiveness;
import io.gavel.gateway.EmbeddedDriver;
import io.gavel.gateway.EngineConfig;
import io.gavel.gateway.EngineLayout;
import io.gavel.gateway.GavelEngine;
import io.gavel.gateway.LoopbackPorts;
import io.gavel.gateway.SessionToken;
import io.gavel.sbe.CommandAcceptedDecoder;
import io.gavel.sbe.MessageHeaderDecoder;
import io.gavel.sbe.Role;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import org.agrona.concurrent.AgentInvoker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real engine for a load run: a media driver (embedded, a child process, or a running one), a GavelEngine with its
 * Chronicle journal in a temporary directory, the auctions, lots and registrations of the options, and one
 * authenticated load session whose raw publication and response subscription the harness drives from two threads.
 */
final class LoadEnvironment implements AutoCloseable
{
    static final String SECRET = "load-harness";
    static final long LOAD_PRINCIPAL = 1;

    final LoadOptions options;
    /** The harness's engine closes a silent session only after an hour: longer than any baseline it measures. */
    static final long SESSION_TIMEOUT_MS = 3_600_000L;
    final Path dir;
    /** Holds the run's Aeron directory, in memory where the machine has it. */
    final Path aeronParent;
    final MediaDriver driver;
    final DriverProcess driverProcess;
    final GavelEngine engine;
    final Aeron aeron;
    final EngineConfig config;
    final ExclusivePublication ingress;
    final Subscription responses;
    final int lotsPerAuction;

    private static int biddersPerAuction(final LoadOptions options)
    {
        return Math.max(2, options.bidders / options.auctions);
    }

    /**
     * Four times the maximums the run can place (bids, or every bidder on every lot), at most 16 M (384 MB). A book
     * holds a block of the next power of two, and the smaller blocks it grew out of wait on the arena's free lists
     * for books that grow through those sizes: when the books grow together, as here, the arena holds up to four
     * times the entries placed. Twice was too little for a 20 s run (each core grew its arena by 46 MB of pages in
     * the window: not garbage, but the report's allocation line then looks like the bid path's).
     */
    static long bookEntries(final LoadOptions options)
    {
        final long bids = (long)options.rate * (options.durationSeconds + options.warmupSeconds);
        final long pairs = (long)options.lots * biddersPerAuction(options);
        return Math.min(4 * Math.min(bids, pairs), 16_000_000L);
    }
    final int biddersPerAuction;

    LoadEnvironment(final LoadOptions options) throws IOException
    {
        this.options = options;
        if (options.driver.equals("external") && !DriverLiveness.hasLiveDriver(options.aeronDir.toString()))
        {
            throw new IllegalStateException("no media driver runs in " + options.aeronDir + ": start one with " +
                "'gavel driver' (gavel.aeron.dir=" + options.aeronDir + ") or use --driver process");
        }
        dir = Files.createTempDirectory("gavel-load-");
        // Aeron's directory in memory, as an operator's driver has it by default (EmbeddedDriver explains why).
        aeronParent = EmbeddedDriver.newMemoryBackedDirectory("gavel-load-aeron-");
        final EngineLayout layout = EngineLayout.parse(options.layout);
        final String aeronDir;
        AgentInvoker driverInvoker = null;
        switch (options.driver)
        {
            case "external":
                aeronDir = options.aeronDir.toString();
                driver = null;
                driverProcess = null;
                break;
            case "process":
                aeronDir = aeronParent.resolve("aeron").toString();
                driver = null;
                driverProcess = DriverProcess.start(aeronParent.resolve("aeron"), dir.resolve("driver.log"));
                break;
            default:
                aeronDir = aeronParent.resolve("aeron").toString();
                driver = EmbeddedDriver.launch(aeronDir, layout);
                driverProcess = null;
                driverInvoker = EmbeddedDriver.invoker(driver);
        }
        config = EngineConfig.defaults()
            .set("gavel.aeron.dir", aeronDir)
            .set("gavel.journal.dir", (options.journalParent != null ?
                Files.createTempDirectory(options.journalParent, "gavel-load-journal-") : dir).resolve("journal")
                .toString())
            .set("gavel.token.secret", SECRET)
            .set("gavel.session.rate.limit", "0")
            // The load session is silent while raw Aeron is measured (a capacity step's baseline lasts as long as
            // the step, up to 600 s): the engine must not close it for silence meanwhile, or every later bid goes
            // unanswered (with 10 s steps, the second step's 150,000 bids did).
            .set("gavel.session.timeout.ms", Long.toString(SESSION_TIMEOUT_MS))
            .set("gavel.snapshot.every", "0")
            .set("gavel.ring.size", "65536")
            .set("gavel.wait.strategy", options.waitStrategy)
            .set("gavel.layout", layout.text())
            // The harness's receiver may be descheduled for a while on two cores: its session must be slowed by
            // back pressure (and charged for it), never dropped, or the run would end with every bid unanswered.
            .set("gavel.egress.retry.limit", "2000000000")
            // The run's books, sized up front (as an operator who knows the sale's size would): each bid can add a
            // maximum to its lot's book, and blocks are powers of two, so twice the maximums the run can place.
            // Without it the engine's core and its snapshot replica grow their arenas in the window, and the young
            // collection that follows (every book page is live, so it is copied) is the run's tail.
            .set("gavel.core.book.entries", Long.toString(bookEntries(options)));
        if (options.transport.equals("udp"))
        {
            config.set("gavel.ingress.channel", "aeron:udp?endpoint=127.0.0.1:" + LoopbackPorts.freeUdpPort());
            config.set("gavel.public.channel",
                "aeron:udp?control=127.0.0.1:" + LoopbackPorts.freeUdpPort() + "|control-mode=dynamic");
        }
        engine = GavelEngine.start(config, driverInvoker);
        // With an invoker-mode driver the engine's ingress agent runs the driver; this client just waits for it.
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
        lotsPerAuction = options.lots / options.auctions;
        biddersPerAuction = biddersPerAuction(options);
        setUp();
        final String responseChannel = options.transport.equals("udp") ? "aeron:udp?endpoint=127.0.0.1:0" :
            "aeron:ipc";
        responses = aeron.addSubscription(responseChannel, 9_001);
        ingress = aeron.addExclusivePublication(config.ingressChannel(), config.ingressStream());
        handshake();
    }

    private void setUp()
    {
        final long end = System.currentTimeMillis() * 1_000_000L + TimeUnit.DAYS.toNanos(1);
        try (GavelClient admin = GavelClient.connect(new GavelClient.Context().aeron(aeron)
            .ingress(config.ingressChannel(), config.ingressStream()).subscribePublic(false)
            .token(SessionToken.issue(SECRET, 2, Role.ADMIN, System.currentTimeMillis() + 3_600_000))
            .listener(new GavelListener() {}).timeout(Duration.ofSeconds(30))))
        {
            long last = 0;
            for (int a = 1; a <= options.auctions; a++)
            {
                last = admin.createAuction(a, AuctionSettings.timed().softCloseOff());
                for (int lot = 1; lot <= lotsPerAuction; lot++)
                {
                    last = admin.addLot(a, lot, 1_00, 0, 0, end);
                    if ((lot & 1023) == 0)
                    {
                        // As below: with 10,000 lots an auction the undrained answers filled the admin's response
                        // channel, the engine waited on it, and the set-up timed out ("could not send").
                        admin.await(last, Duration.ofSeconds(60));
                    }
                }
                for (int b = 1; b <= biddersPerAuction; b++)
                {
                    admin.registerBidder(a, b, b, 0);
                    last = admin.approveBidder(a, b);
                    if ((b & 1023) == 0)
                    {
                        // Keep the answers drained so the set-up never back-pressures itself.
                        admin.await(last, Duration.ofSeconds(60));
                    }
                }
            }
            final Response response = admin.await(last, Duration.ofSeconds(120));
            if (response == null || !response.accepted())
            {
                throw new IllegalStateException("load set-up failed: " + response);
            }
        }
    }

    private void handshake()
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!ingress.isConnected())
        {
            check(deadline, "no engine on " + config.ingressChannel());
            Thread.yield();
        }
        String channel = "aeron:ipc";
        if (options.transport.equals("udp"))
        {
            while ((channel = responses.tryResolveChannelEndpointPort()) == null)
            {
                check(deadline, "no response port");
                Thread.yield();
            }
        }
        final CommandEncoder encoder = new CommandEncoder();
        encoder.connect(1, 9_001, channel, SessionToken.issue(SECRET, LOAD_PRINCIPAL, Role.ADMIN,
            System.currentTimeMillis() + 3_600_000));
        while (ingress.offer(encoder.buffer(), 0, encoder.length()) < 0)
        {
            check(deadline, "cannot send the connect");
            Thread.yield();
        }
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final boolean[] accepted = {false};
        while (!accepted[0])
        {
            check(deadline, "the engine did not accept the load session");
            responses.poll((buffer, offset, length, h) ->
                accepted[0] |= header.wrap(buffer, offset).templateId() == CommandAcceptedDecoder.TEMPLATE_ID, 10);
            Thread.yield();
        }
    }

    private static void check(final long deadline, final String what)
    {
        if (System.nanoTime() > deadline)
        {
            throw new IllegalStateException(what);
        }
    }


    public void close()
    {
        CloseHelper.quietCloseAll(ingress, responses, aeron, engine, driver, driverProcess);
        IoUtil.delete(dir.toFile(), true);
        IoUtil.delete(aeronParent.toFile(), true);
        if (options.journalParent != null)
        {
            IoUtil.delete(java.nio.file.Paths.get(config.get("gavel.journal.dir")).getParent().toFile(), true);
        }
    }
}
