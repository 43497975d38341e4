package io.gavel.cluster;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.gavel.client.AuctionSettings;
import io.gavel.client.GavelClient;
import io.gavel.client.Response;
import io.gavel.gateway.EmbeddedDriver;
import io.gavel.gateway.EngineConfig;
import io.gavel.gateway.GavelEngine;
import io.gavel.gateway.LoopbackPorts;
import io.gavel.sbe.Role;
import org.agrona.CloseHelper;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The single engine under the same load as the cluster in {@link ClusterFailoverTest} (three bidders, one maximum
 * in flight each, commands over UDP on 127.0.0.1), so the two are measured in the same run on the same machine.
 */
final class EngineBaseline
{
    private EngineBaseline()
    {
    }

    /** Returns {bids per second, p50 us, p99 us, max us}. */
    static double[] measure(final Path dir, final int bids)
    {
        final String aeronDir = dir.resolve("engine-aeron").toString();
        final MediaDriver driver = EmbeddedDriver.launch(aeronDir);
        final EngineConfig config = EngineConfig.defaults()
            .set("gavel.aeron.dir", aeronDir)
            .set("gavel.journal.dir", dir.resolve("engine-journal").toString())
            .set("gavel.token.secret", TestClusters.SECRET)
            .set("gavel.ingress.channel", "aeron:udp?endpoint=127.0.0.1:" + LoopbackPorts.freeUdpPort());
        GavelEngine engine = null;
        Aeron aeron = null;
        final List<GavelClient> clients = new ArrayList<>();
        try
        {
            engine = GavelEngine.start(config);
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
            final GavelClient admin = client(aeron, config, TestClusters.ADMIN, Role.ADMIN);
            clients.add(admin);
            accepted(admin, admin.createAuction(5, AuctionSettings.timed()));
            accepted(admin, admin.addLot(5, 1, 10_00, 0, 0,
                System.currentTimeMillis() * 1_000_000L + TimeUnit.HOURS.toNanos(1)));
            final GavelClient[] bidders = new GavelClient[3];
            for (int b = 0; b < bidders.length; b++)
            {
                accepted(admin, admin.registerBidder(5, 101 + b, 1 + b, 0));
                accepted(admin, admin.approveBidder(5, 101 + b));
                bidders[b] = client(aeron, config, 101 + b, Role.BIDDER);
                clients.add(bidders[b]);
            }
            final long[] outstanding = new long[bidders.length];
            final long[] sentAt = new long[bidders.length];
            final long[] latencies = new long[bids];
            int answered = 0;
            long amount = 20_00;
            final long started = System.nanoTime();
            final long deadline = started + TimeUnit.SECONDS.toNanos(120);
            while (answered < bids)
            {
                if (System.nanoTime() > deadline)
                {
                    throw new AssertionError("the single engine answered " + answered + " of " + bids + " bids");
                }
                for (int b = 0; b < bidders.length && answered < bids; b++)
                {
                    if (outstanding[b] == 0)
                    {
                        amount += 100;
                        outstanding[b] = bidders[b].maxBid(5, 1, 101 + b, amount);
                        sentAt[b] = System.nanoTime();
                    }
                    bidders[b].poll();
                    // await with no time left only takes an answer already polled.
                    final Response response = bidders[b].await(outstanding[b], Duration.ZERO);
                    if (response != null)
                    {
                        latencies[answered++] = System.nanoTime() - sentAt[b];
                        outstanding[b] = 0;
                    }
                }
                LockSupport.parkNanos(50_000);
            }
            final double rate = bids / ((System.nanoTime() - started) / 1e9);
            Arrays.sort(latencies);
            return new double[]{rate, latencies[bids / 2] / 1e3, latencies[(int)(bids * 0.99)] / 1e3,
                latencies[bids - 1] / 1e3};
        }
        finally
        {
            clients.forEach(CloseHelper::quietClose);
            CloseHelper.quietCloseAll(aeron, engine, driver);
        }
    }

    private static GavelClient client(final Aeron aeron, final EngineConfig config, final long principal,
        final Role role)
    {
        return GavelClient.connect(new GavelClient.Context().aeron(aeron)
            .ingress(config.ingressChannel(), config.ingressStream())
            .publicStream(config.publicChannel(), config.publicStream()).subscribePublic(false)
            .token(TestClusters.token(principal, role)).timeout(Duration.ofSeconds(20)));
    }

    private static void accepted(final GavelClient client, final long correlationId)
    {
        final Response response = client.await(correlationId, Duration.ofSeconds(30));
        if (response == null || !response.accepted())
        {
            throw new AssertionError("engine baseline setup: " + response);
        }
    }
}
