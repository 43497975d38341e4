package io.gavel.web.perf;

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
import io.gavel.sbe.BidAcceptedDecoder;
import io.gavel.sbe.Role;
import io.gavel.web.WebGateway;
import org.HdrHistogram.Histogram;
import org.agrona.IoUtil;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code gavel perf web}: an engine, the web edge and N simulated WebSocket clients (not browsers) in one JVM. A
 * loader bids at a fixed rate on A live auctions; each accepted bid's latency is recorded twice, from the moment
 * the loader sent it: to the BidAccepted arriving on the loader's own subscription to the public Aeron stream, and
 * to the same event arriving on every socket watching that auction. Both in HdrHistogram, same run, same clock.
 */
public final class WebLoad
{
    private final PrintStream out;
    private final int sockets;
    private final int auctions;
    private final int rate;
    private final int seconds;

    public WebLoad(final PrintStream out, final int sockets, final int auctions, final int rate, final int seconds)
    {
        this.out = out;
        this.sockets = sockets;
        this.auctions = auctions;
        this.rate = rate;
        this.seconds = seconds;
    }

    public int run() throws Exception
    {
        final Path dir = Files.createTempDirectory("gavel-perf-web");
        final String secret = "perf-web-secret";
        // In memory, as an operator's driver has it by default (EmbeddedDriver.newMemoryBackedDirectory says why).
        final Path aeronParent = EmbeddedDriver.newMemoryBackedDirectory("gavel-perf-web-aeron-");
        final String aeronDir = aeronParent.resolve("aeron").toString();
        final EngineConfig config = EngineConfig.defaults()
            .set("gavel.aeron.dir", aeronDir)
            .set("gavel.journal.dir", dir.resolve("journal").toString())
            .set("gavel.token.secret", secret)
            .set("gavel.web.port", "0")
            .set("gavel.web.max.sockets", Integer.toString(sockets + 10))
            .set("gavel.session.timeout.ms", "600000");
        final int capacity = rate * seconds / Math.max(1, auctions) + rate + 100;
        final LoadSockets clients = new LoadSockets();
        final ConcurrentHashMap<Long, Long> sentAt = new ConcurrentHashMap<>();
        final Histogram aeronLatency = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        final Histogram socketLatency = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        try (MediaDriver driver = EmbeddedDriver.launch(aeronDir);
            GavelEngine engine = GavelEngine.start(config);
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
            WebGateway web = WebGateway.start(config, aeron))
        {
            final long[] ask = new long[auctions + 1];
            final int[] askVersion = new int[auctions + 1];
            final long[] leader = new long[auctions + 1];
            final long[] lastSeq = new long[auctions + 1];
            final long[] lastReceived = new long[auctions + 1];
            try (GavelClient loader = GavelClient.connect(new GavelClient.Context().aeron(aeron)
                .token(SessionToken.issue(secret, 900, Role.ADMIN, System.currentTimeMillis() + 3_600_000))
                .timeout(Duration.ofSeconds(30)).listener(new GavelListener()
                {
                    public void onBidAccepted(final BidAcceptedDecoder e)
                    {
                        final int a = (int)e.auctionId();
                        ask[a] = e.ask();
                        askVersion[a] = e.askVersion();
                        leader[a] = e.leaderId();
                        lastSeq[a] = e.eventSequence();
                        lastReceived[a] = System.nanoTime();
                    }
                })))
            {
                for (int a = 1; a <= auctions; a++)
                {
                    accept(loader, loader.createAuction(a, AuctionSettings.live()));
                    accept(loader, loader.addLot(a, 1, 100_00, 0, 0, 0));
                    for (long b = 1; b <= 2; b++)
                    {
                        accept(loader, loader.registerBidder(a, b, 100 + b, 0));
                        accept(loader, loader.approveBidder(a, b));
                    }
                    accept(loader, loader.openLot(a, 1));
                }
                out.printf("connecting %d sockets...%n", sockets);
                for (int i = 0; i < sockets; i++)
                {
                    clients.open(web.port(), "{\"action\":\"hello\",\"token\":\"" + SessionToken.issue(secret,
                        10_000 + i, Role.BIDDER, System.currentTimeMillis() + 3_600_000) + "\",\"auction\":" +
                        (1 + i % auctions) + "}", capacity);
                }
                clients.start();
                loader.pollUntil(() -> false, Duration.ofSeconds(2)); // let the snapshots go out
                out.printf("bidding %d/s on %d auctions for %d s; load average %s%n", rate, auctions, seconds,
                    loadAverage());
                final long interval = 1_000_000_000L / rate;
                final long start = System.nanoTime();
                long bids = 0;
                long late = 0;
                while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(seconds))
                {
                    final long due = start + bids * interval;
                    // Wait for the next bid's time without spinning a core away from the edge and the clients.
                    while (System.nanoTime() < due)
                    {
                        if (loader.poll() == 0)
                        {
                            LockSupport.parkNanos(Math.min(due - System.nanoTime(), 200_000));
                        }
                    }
                    final int a = 1 + (int)(bids % auctions);
                    final long bidder = leader[a] == 1 ? 2 : 1;
                    final long before = lastSeq[a];
                    final long sent = System.nanoTime();
                    final long amount = ask[a] == 0 ? 100_00 : ask[a];
                    final Response answer = loader.await(loader.liveBid(a, 1, bidder, amount,
                        ask[a] == 0 ? 0 : askVersion[a]), Duration.ofSeconds(5));
                    bids++;
                    if (answer == null || !answer.accepted())
                    {
                        continue;
                    }
                    loader.pollUntil(() -> lastSeq[a] > before, Duration.ofSeconds(5));
                    if (lastSeq[a] > before)
                    {
                        aeronLatency.recordValue(Math.min(lastReceived[a] - sent, aeronLatency.getHighestTrackableValue()));
                        sentAt.put((long)a << 32 | lastSeq[a], sent);
                    }
                    if (System.nanoTime() - due > interval)
                    {
                        late++;
                    }
                }
                loader.pollUntil(() -> false, Duration.ofSeconds(2)); // the last events reach the sockets
                long missing = 0;
                for (final LoadSockets.Page page : clients.pages())
                {
                    for (int i = 0; i < page.count; i++)
                    {
                        final Long sent = sentAt.get(page.seqs[i]);
                        if (sent != null)
                        {
                            socketLatency.recordValue(Math.min(page.times[i] - sent,
                                socketLatency.getHighestTrackableValue()));
                        }
                    }
                }
                final long expected = (long)sentAt.size() * sockets / auctions;
                missing = expected - socketLatency.getTotalCount();
                out.printf("sockets %d, auctions %d, rate %d/s, %d s: %d bids accepted (%d sent late)%n", sockets,
                    auctions, rate, seconds, sentAt.size(), late);
                print("aeron public stream (bid sent -> event on Aeron)", aeronLatency);
                print("websocket (bid sent -> event on every socket)", socketLatency);
                out.printf("socket deliveries %d of %d expected; slow sockets dropped %d; load average %s%n",
                    socketLatency.getTotalCount(), expected, web.counters().slowDropped.get(), loadAverage());
                return missing == 0 && web.counters().slowDropped.get() == 0 ? 0 : 1;
            }
        }
        finally
        {
            clients.close();
            IoUtil.delete(aeronParent.toFile(), true);
            IoUtil.delete(dir.toFile(), true);
        }
    }

    private void print(final String what, final Histogram histogram)
    {
        out.printf("  %-52s p50 %7.2f ms  p99 %7.2f ms  p99.9 %7.2f ms  max %7.2f ms  (n=%d)%n", what,
            histogram.getValueAtPercentile(50) / 1e6, histogram.getValueAtPercentile(99) / 1e6,
            histogram.getValueAtPercentile(99.9) / 1e6, histogram.getMaxValue() / 1e6, histogram.getTotalCount());
    }

    private static String loadAverage()
    {
        try
        {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        }
        catch (final Exception ex)
        {
            return "unknown";
        }
    }

    private static void accept(final GavelClient client, final long correlationId)
    {
        final Response response = client.await(correlationId, Duration.ofSeconds(30));
        if (response == null || !response.accepted())
        {
            throw new IllegalStateException("perf setup refused: " + response);
        }
    }
}
