package io.gavel.ops.demo;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.gavel.client.AuctionMirror;
import io.gavel.client.AuctionSettings;
import io.gavel.client.CompositeListener;
import io.gavel.client.GavelClient;
import io.gavel.client.GavelListener;
import io.gavel.client.Response;
import io.gavel.gateway.EmbeddedDriver;
import io.gavel.gateway.EngineConfig;
import io.gavel.gateway.GavelEngine;
import io.gavel.gateway.LoopbackPorts;
import io.gavel.gateway.SessionToken;
import io.gavel.replay.text.Amounts;
import io.gavel.sbe.LotState;
import io.gavel.sbe.Role;
import org.agrona.CloseHelper;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.SystemEpochNanoClock;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The demo sale: one JVM with an embedded media driver and an engine; a house desk, a clerk and three online
 * bidders as real Aeron clients. A LIVE lot is sold at the ask ladder (a commission bid, internet bids racing for
 * the same ask, a floor bid, fair warning, hammer); a TIMED lot takes maximum bids, is sniped, extends by soft close,
 * and closes by its deadline.
 */
public final class DemoSale
{
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);
    private static final long LIVE_AUCTION = 1;
    private static final long TIMED_AUCTION = 2;
    private static final long LOT = 1;
    private static final long FLOOR_BIDDER = 4;
    private static final long CLERK = 901;
    private static final long FLOOR_PADDLE = 104;
    private static final long FLOOR_LIMIT_CENTS = 230_00;

    private final PrintStream out;
    private final String transport;
    private final Path requestedJournal;
    private final int timedSeconds;
    private final SystemEpochNanoClock clock = new SystemEpochNanoClock();
    private final Long2LongHashMap paddles = new Long2LongHashMap(0);
    private final List<GavelClient> clients = new ArrayList<>();

    /** {@code transport}: ipc, udp (unicast on loopback) or multicast (224.0.1.1 on the loopback interface). */
    public DemoSale(final PrintStream out, final String transport, final Path journal, final int timedSeconds)
    {
        this.out = out;
        this.transport = transport;
        this.requestedJournal = journal;
        this.timedSeconds = timedSeconds;
    }

    /** Runs the sale; returns the exit code. */
    public int run() throws IOException
    {
        return run(Paths.get(System.getProperty("java.io.tmpdir")));
    }

    /** Runs the sale with its working directory (media driver, default journal) made under {@code tempParent}. */
    int run(final Path tempParent) throws IOException
    {
        // Refused before anything is created: a refused demo leaves nothing behind.
        if (requestedJournal != null && Files.isDirectory(requestedJournal))
        {
            try (var entries = Files.list(requestedJournal))
            {
                if (entries.findAny().isPresent())
                {
                    throw new IllegalArgumentException("--journal " + requestedJournal.toAbsolutePath() +
                        " is not empty; the demo writes a new journal, so give it a new or empty directory");
                }
            }
        }
        final Path work = Files.createTempDirectory(tempParent, "gavel-demo-");
        final Path journal = requestedJournal != null ? requestedJournal.toAbsolutePath() : work.resolve("journal");
        final String aeronDir = work.resolve("aeron").toString();
        final String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        final EngineConfig config = EngineConfig.defaults()
            .set("gavel.aeron.dir", aeronDir)
            .set("gavel.journal.dir", journal.toString())
            .set("gavel.token.secret", secret);
        if (transport.equals("udp"))
        {
            config.set("gavel.ingress.channel", "aeron:udp?endpoint=127.0.0.1:" + LoopbackPorts.freeUdpPort());
            config.set("gavel.public.channel",
                "aeron:udp?control=127.0.0.1:" + LoopbackPorts.freeUdpPort() + "|control-mode=dynamic");
        }
        else if (transport.equals("multicast"))
        {
            // Edge gateways publish into one ingress group; every subscriber joins the public group.
            config.set("gavel.ingress.channel",
                "aeron:udp?endpoint=224.0.1.1:" + LoopbackPorts.freeUdpPort() + "|interface=127.0.0.1");
            config.set("gavel.public.channel",
                "aeron:udp?endpoint=224.0.1.1:" + LoopbackPorts.freeUdpPort() + "|interface=127.0.0.1");
        }

        final long startNanos = clock.nanoTime();
        MediaDriver driver = null;
        GavelEngine engine = null;
        Aeron aeron = null;
        try
        {
            driver = EmbeddedDriver.launch(aeronDir);
            engine = GavelEngine.start(config);
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
            out.println("Gavel demo: embedded media driver and engine over " + (transport.equals("udp") ?
                "UDP on loopback" : transport.equals("multicast") ? "UDP multicast on loopback" : "Aeron IPC"));
            out.println("  ingress " + config.ingressChannel() + " stream " + config.ingressStream());
            out.println("  public  " + config.publicChannel() + " stream " + config.publicStream());
            out.println("  journal " + engine.journalDir());
            out.println();

            final SalePrinter printer = new SalePrinter(out, paddles, startNanos);
            final AuctionMirror liveView = new AuctionMirror(LIVE_AUCTION);
            final AuctionMirror timedView = new AuctionMirror(TIMED_AUCTION);
            final GavelClient house = client(aeron, config, secret, 900, Role.AUCTIONEER, false, null);
            final GavelClient clerk = client(aeron, config, secret, CLERK, Role.CLERK, true,
                new CompositeListener(printer, liveView, timedView));
            final Bidder[] bidders = {
                new Bidder(1, 101, 200_00, 75_00),
                new Bidder(2, 102, 260_00, 120_00),
                new Bidder(3, 103, 180_00, 90_00),
            };
            for (final Bidder bidder : bidders)
            {
                bidder.client = client(aeron, config, secret, bidder.id, Role.BIDDER, true,
                    new CompositeListener(bidder.live, bidder.timed));
                sync(bidder.client, bidder.live, bidder.timed);
            }
            sync(clerk, liveView, timedView);

            runLiveLot(house, clerk, liveView, bidders);
            runTimedLot(house, clerk, timedView, bidders, startNanos);

            out.println();
            out.println("Results");
            printResult("live ", liveView);
            printResult("timed", timedView);
            DemoSettlement.run(out, journal, work, client(aeron, config, secret, 950, Role.SETTLEMENT, false, null));
        }
        finally
        {
            CloseHelper.quietCloseAll(clients);
            CloseHelper.quietCloseAll(aeron, engine, driver);
            if (requestedJournal != null)
            {
                // The driver deletes its own directory; the working directory is then empty, and not needed.
                try
                {
                    Files.deleteIfExists(work);
                }
                catch (final java.nio.file.DirectoryNotEmptyException ignored)
                {
                    // Something else is in it: leave it for the user to see.
                }
            }
        }
        out.println();
        out.println("Journal: " + journal + " (every command and event, hash-chained)");
        return 0;
    }

    private void printResult(final String kind, final AuctionMirror mirror)
    {
        final AuctionMirror.LotView view = mirror.lot(LOT);
        if (!closed(mirror))
        {
            out.printf("  auction %d lot %d (%s): still open%n", mirror.auctionId(), LOT, kind);
        }
        else if (view.state() == LotState.PASSED)
        {
            out.printf("  auction %d lot %d (%s): PASSED (%s)%n", mirror.auctionId(), LOT, kind, view.passReason());
        }
        else
        {
            out.printf("  auction %d lot %d (%s): SOLD to paddle %d for %s (invoice %s)%n", mirror.auctionId(),
                LOT, kind, paddles.get(view.leaderId()), Amounts.money(view.price()), Amounts.money(view.invoice()));
        }
    }

    /**
     * Each mirror asks for its auction's snapshot (none yet: it starts empty) and is live once answered. First the
     * public stream must reach this client (over UDP a subscriber joins a moment after it subscribes): an event sent
     * before would be missed, and the mirror would see a gap.
     */
    private static void sync(final GavelClient client, final AuctionMirror... mirrors)
    {
        if (!client.pollUntil(client::isPublicConnected, ANSWER_TIMEOUT))
        {
            throw new IllegalStateException("the public stream did not reach a client in time");
        }
        for (final AuctionMirror mirror : mirrors)
        {
            mirror.sync(client);
            if (!client.pollUntil(mirror::isLive, ANSWER_TIMEOUT))
            {
                throw new IllegalStateException("no answer to the snapshot request of auction " + mirror.auctionId());
            }
        }
    }

    private static boolean closed(final AuctionMirror mirror)
    {
        final AuctionMirror.LotView view = mirror.lot(LOT);
        return view != null && (view.state() == LotState.SOLD || view.state() == LotState.PASSED);
    }

    private static long holder(final AuctionMirror mirror)
    {
        final AuctionMirror.LotView view = mirror.lot(LOT);
        return view == null ? 0 : view.leaderId();
    }

    private static long ask(final AuctionMirror mirror)
    {
        final AuctionMirror.LotView view = mirror.lot(LOT);
        return view == null ? 0 : view.ask();
    }

    private static int askVersion(final AuctionMirror mirror)
    {
        final AuctionMirror.LotView view = mirror.lot(LOT);
        return view == null ? 0 : view.askVersion();
    }

    private void runLiveLot(final GavelClient house, final GavelClient clerk, final AuctionMirror view,
        final Bidder[] bidders)
    {
        out.println("Live auction " + LIVE_AUCTION + ": lot " + LOT + ", start 100.00, reserve 150.00, premium 20%");
        expectAccepted(house, house.createAuction(LIVE_AUCTION, AuctionSettings.live().premiumRateBps(2000)
            .increments(new long[]{0, 100_00, 500_00}, new long[]{5_00, 10_00, 25_00})));
        expectAccepted(house, house.addLot(LIVE_AUCTION, LOT, 100_00, 150_00, 0, 0));
        // A clerk runs only the auctions it is assigned to.
        expectAccepted(house, house.assignClerk(LIVE_AUCTION, CLERK, true));
        registerAll(house, LIVE_AUCTION, bidders);
        expectAccepted(house, house.registerBidder(LIVE_AUCTION, FLOOR_BIDDER, FLOOR_PADDLE, 0,
            DemoSettlement.paymentMethod(FLOOR_BIDDER)));
        expectAccepted(house, house.approveBidder(LIVE_AUCTION, FLOOR_BIDDER));
        paddles.put(FLOOR_BIDDER, FLOOR_PADDLE);

        final Bidder absentee = bidders[2];
        out.printf("  paddle %d leaves a commission bid (maximum %s) before the lot opens%n", absentee.paddle,
            Amounts.money(absentee.liveMax));
        expectAccepted(absentee.client, absentee.client.maxBid(LIVE_AUCTION, LOT, absentee.id, absentee.liveMax));

        expectAccepted(clerk, clerk.openLot(LIVE_AUCTION, LOT));
        boolean raced = false;
        boolean floorDone = false;
        while (true)
        {
            catchUp(clerk, view, bidders);
            final List<Bidder> willing = new ArrayList<>();
            for (int i = 0; i < 2; i++)
            {
                final Bidder bidder = bidders[i];
                if (holder(bidder.live) != bidder.id && ask(bidder.live) <= bidder.liveMax)
                {
                    willing.add(bidder);
                }
            }
            if (!floorDone && holder(view) != FLOOR_BIDDER && ask(view) >= 190_00 && ask(view) <= FLOOR_LIMIT_CENTS)
            {
                floorDone = true;
                out.printf("  the clerk enters a floor bid for paddle %d at %s%n", FLOOR_PADDLE,
                    Amounts.money(ask(view)));
                expectAccepted(clerk, clerk.floorBid(LIVE_AUCTION, LOT, FLOOR_PADDLE, ask(view), askVersion(view)));
                continue;
            }
            if (willing.isEmpty())
            {
                break;
            }
            if (!raced && willing.size() == 2)
            {
                // Two bidders press "bid" on the same ask at once: the first sequenced wins, the other is too late.
                raced = true;
                final long first = willing.get(0).bidAtAsk();
                final long second = willing.get(1).bidAtAsk();
                out.printf("  paddles %d and %d both bid %s at once: paddle %d %s, paddle %d %s%n",
                    willing.get(0).paddle, willing.get(1).paddle, Amounts.money(ask(willing.get(0).live)),
                    willing.get(0).paddle, answer(willing.get(0).client, first), willing.get(1).paddle,
                    answer(willing.get(1).client, second));
                continue;
            }
            final Bidder next = willing.get(0);
            final Response response = next.client.await(next.bidAtAsk(), ANSWER_TIMEOUT);
            if (response == null)
            {
                throw new IllegalStateException("the engine did not answer a bid");
            }
        }
        catchUp(clerk, view, bidders);
        expectAccepted(clerk, clerk.fairWarning(LIVE_AUCTION, LOT));
        expectAccepted(clerk, clerk.hammer(LIVE_AUCTION, LOT));
        clerk.pollUntil(() -> closed(view), ANSWER_TIMEOUT);
        out.println();
    }

    private void runTimedLot(final GavelClient house, final GavelClient clerk, final AuctionMirror view,
        final Bidder[] bidders, final long startNanos)
    {
        final long now = clock.nanoTime();
        final long end = now + TimeUnit.SECONDS.toNanos(timedSeconds);
        out.printf("Timed auction %d: lot %d, start 50.00, reserve 80.00, ends %.1f s into the sale, " +
            "soft close 2 s / 2 s%n", TIMED_AUCTION, LOT, (end - startNanos) / 1e9);
        expectAccepted(house, house.createAuction(TIMED_AUCTION, AuctionSettings.timed()
            .softClose(TimeUnit.SECONDS.toNanos(2), TimeUnit.SECONDS.toNanos(2))));
        expectAccepted(house, house.addLot(TIMED_AUCTION, LOT, 50_00, 80_00, 0, end));
        registerAll(house, TIMED_AUCTION, bidders);

        for (final Bidder bidder : bidders)
        {
            expectAccepted(bidder.client,
                bidder.client.maxBid(TIMED_AUCTION, LOT, bidder.id, bidder.timedMax));
        }
        // A sniper: paddle 101 waits for the last second, then bids over the leader.
        final Bidder sniper = bidders[0];
        clerk.pollUntil(() -> clock.nanoTime() >= endOf(view, end) - TimeUnit.MILLISECONDS.toNanos(900),
            Duration.ofSeconds(timedSeconds + 5));
        out.printf("  paddle %d snipes with a maximum of 150.00 in the last second%n", sniper.paddle);
        expectAccepted(sniper.client, sniper.client.maxBid(TIMED_AUCTION, LOT, sniper.id, 150_00));
        final Bidder answer = bidders[1];
        clerk.pollUntil(() -> holder(view) == sniper.id, ANSWER_TIMEOUT);
        expectAccepted(answer.client, answer.client.maxBid(TIMED_AUCTION, LOT, answer.id, 175_00));
        clerk.pollUntil(() -> holder(view) == answer.id, ANSWER_TIMEOUT);
        out.println("  ... waiting for the lot's deadline (the engine ticks when no one bids)");
        if (!clerk.pollUntil(() -> closed(view), Duration.ofSeconds(timedSeconds + 30)))
        {
            throw new IllegalStateException("the timed lot did not close by its deadline");
        }
    }

    private void registerAll(final GavelClient house, final long auctionId, final Bidder[] bidders)
    {
        for (final Bidder bidder : bidders)
        {
            expectAccepted(house, house.registerBidder(auctionId, bidder.id, bidder.paddle, 0,
                DemoSettlement.paymentMethod(bidder.id)));
            expectAccepted(house, house.approveBidder(auctionId, bidder.id));
            paddles.put(bidder.id, bidder.paddle);
        }
    }

    /** Polls everyone until each bidder has seen the ask the clerk sees. */
    /** The lot's end as the mirror has it (soft close moves it), or as scheduled until the mirror has the lot. */
    private static long endOf(final AuctionMirror mirror, final long scheduled)
    {
        final AuctionMirror.LotView view = mirror.lot(LOT);
        return view == null || view.endTime() == 0 ? scheduled : view.endTime();
    }

    private void catchUp(final GavelClient clerk, final AuctionMirror view, final Bidder[] bidders)
    {
        for (final Bidder bidder : bidders)
        {
            final boolean caughtUp = bidder.client.pollUntil(() ->
            {
                clerk.poll();
                return askVersion(bidder.live) == askVersion(view);
            }, ANSWER_TIMEOUT);
            if (!caughtUp)
            {
                throw new IllegalStateException("bidder " + bidder.id + " did not see the ask in time");
            }
        }
    }

    private static String answer(final GavelClient client, final long correlationId)
    {
        final Response response = client.await(correlationId, ANSWER_TIMEOUT);
        if (response == null)
        {
            throw new IllegalStateException("the engine did not answer a bid");
        }
        return response.accepted() ? "wins it" : "is told " + response.reason() + " (too late)";
    }

    private void expectAccepted(final GavelClient client, final long correlationId)
    {
        final Response response = client.await(correlationId, ANSWER_TIMEOUT);
        if (response == null || !response.accepted())
        {
            throw new IllegalStateException("demo step refused: " + (response == null ? "no answer" : response));
        }
    }

    private GavelClient client(final Aeron aeron, final EngineConfig config, final String secret,
        final long principal, final Role role, final boolean subscribePublic, final GavelListener listener)
    {
        final GavelClient client = GavelClient.connect(new GavelClient.Context()
            .aeron(aeron)
            .ingress(config.ingressChannel(), config.ingressStream())
            .publicStream(publicSubscriptionChannel(config), config.publicStream())
            .subscribePublic(subscribePublic)
            .token(SessionToken.issue(secret, principal, role, System.currentTimeMillis() + 3_600_000))
            .listener(listener == null ? new GavelListener() {} : listener)
            .timeout(ANSWER_TIMEOUT));
        clients.add(client);
        return client;
    }

    private static String publicSubscriptionChannel(final EngineConfig config)
    {
        final String channel = config.publicChannel();
        // Multi-destination-cast: each subscriber receives on its own ephemeral port and registers at the control.
        return channel.contains("control-mode=dynamic") ?
            channel.replace("aeron:udp?", "aeron:udp?endpoint=127.0.0.1:0|") : channel;
    }


    /** A simulated online bidder: its client, what it has seen, and how far it will go. */
    private static final class Bidder
    {
        final long id;
        final long paddle;
        final long liveMax;
        final long timedMax;
        final AuctionMirror live = new AuctionMirror(LIVE_AUCTION);
        final AuctionMirror timed = new AuctionMirror(TIMED_AUCTION);
        GavelClient client;

        Bidder(final long id, final long paddle, final long liveMax, final long timedMax)
        {
            this.id = id;
            this.paddle = paddle;
            this.liveMax = liveMax;
            this.timedMax = timedMax;
        }

        long bidAtAsk()
        {
            return client.liveBid(LIVE_AUCTION, LOT, id, ask(live), askVersion(live));
        }
    }
}
