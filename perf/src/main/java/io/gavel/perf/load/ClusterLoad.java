package io.gavel.perf.load;

import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.driver.MediaDriver;
import io.aeron.logbuffer.Header;
import io.gavel.client.AuctionSettings;
import io.gavel.client.Response;
import io.gavel.cluster.client.ClusterGavelClient;
import io.gavel.gateway.EmbeddedDriver;
import io.gavel.gateway.SessionToken;
import io.gavel.protocol.CommandEncoder;
import io.gavel.sbe.CommandAcceptedDecoder;
import io.gavel.sbe.CommandRejectedDecoder;
import io.gavel.sbe.MessageHeaderDecoder;
import io.gavel.sbe.Role;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.BitSet;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The open-loop load against a cluster: the auctions, lots and registrations of the options set up through a
 * {@link ClusterGavelClient}, then bids at a fixed rate on one cluster session, each stamped with its intended send
 * time (its correlation id says which bid it is), and the latency from that time to the bid's answer on the
 * session's cluster egress in HdrHistogram, as {@link LoadHarness} does for a single engine.
 *
 * <p>The bids go through Aeron's own cluster client ({@link AeronCluster}, which {@link ClusterGavelClient} wraps),
 * in order, from one thread that sends each bid when it falls due and polls the egress in between. Not through
 * ClusterGavelClient itself: under back pressure it keeps a command and offers it again from a hash map (out of
 * order, so a lower maximum may arrive after a higher one and be refused) and scans every unanswered command on
 * each poll, which at thousands a second would measure the client's backlog, not the cluster. Here a bid that meets
 * back pressure is offered again at once while the egress is polled, every bid behind it waits, and all of them are
 * charged from their intended send times. The run does not follow a leader change (it counts them).
 */
final class ClusterLoad
{
    private static final long LOAD_PRINCIPAL = 1;
    private static final long SETUP_PRINCIPAL = 2;

    private ClusterLoad()
    {
    }

    /** What the cluster side found, and how often the load session's offers met back pressure. */
    record Result(Measurement measurement, int members, int leaderChanges, long backPressured)
    {
    }

    /** Starts {@code members} members, sets the sale up, loads it, stops the members. */
    static Result run(final LoadOptions options, final int members, final PrintStream out) throws Exception
    {
        try (ClusterMembers cluster = ClusterMembers.start(members, 180))
        {
            out.printf("cluster: %d members on 127.0.0.1 (ports from %s, rate limit off, snapshots off)%n",
                members, cluster.properties.getProperty("gavel.cluster.port.base"));
            final MediaDriver driver = EmbeddedDriver.launch(cluster.dir.resolve("client-aeron").toString());
            AeronCluster bids = null;
            try
            {
                final int lotsPerAuction = options.lots / options.auctions;
                final int biddersPerAuction = Math.max(2, options.bidders / options.auctions);
                // Closed after the set-up: a session nobody polls would fill its egress with the load's public
                // events, and the leader would spend retries on it for every frame.
                try (ClusterGavelClient admin = ClusterGavelClient.connect(new ClusterGavelClient.Context()
                    .cluster(cluster.config).aeronDirectory(driver.aeronDirectoryName())
                    .token(token(SETUP_PRINCIPAL)).timeout(Duration.ofSeconds(30))))
                {
                    setUp(admin, options, lotsPerAuction, biddersPerAuction);
                }
                final LoadSession session = new LoadSession();
                bids = AeronCluster.connect(new AeronCluster.Context()
                    .ingressEndpoints(cluster.config.ingressEndpoints()).ingressChannel("aeron:udp")
                    .egressChannel(cluster.config.egressChannel()).aeronDirectoryName(driver.aeronDirectoryName())
                    .messageTimeoutNs(TimeUnit.SECONDS.toNanos(30)).egressListener(session)
                    .credentialsSupplier(new io.aeron.security.CredentialsSupplier()
                    {
                        private final byte[] credentials = token(LOAD_PRINCIPAL).getBytes(StandardCharsets.US_ASCII);

                        public byte[] encodedCredentials()
                        {
                            return credentials;
                        }

                        public byte[] onChallenge(final byte[] challenge)
                        {
                            return new byte[0];
                        }
                    }));
                System.gc();
                out.println("cluster ready (leader member " + bids.leaderMemberId() + "); loading");
                final Measurement measurement = measure(bids, session, options, lotsPerAuction, biddersPerAuction);
                return new Result(measurement, members, session.leaderChanges, session.backPressured);
            }
            finally
            {
                CloseHelper.quietCloseAll(bids, driver);
            }
        }
    }

    private static String token(final long principal)
    {
        return SessionToken.issue(ClusterMembers.SECRET, principal, Role.ADMIN, System.currentTimeMillis() + 3_600_000);
    }

    /** The same sale as the single engine's (LoadEnvironment): TIMED auctions ending in a day, no soft close. */
    private static void setUp(final ClusterGavelClient admin, final LoadOptions options, final int lotsPerAuction,
        final int biddersPerAuction)
    {
        // Cluster time is epoch nanoseconds.
        final long end = System.currentTimeMillis() * 1_000_000L + TimeUnit.DAYS.toNanos(1);
        int sent = 0;
        for (int a = 1; a <= options.auctions; a++)
        {
            sent = drained(admin, admin.createAuction(a, AuctionSettings.timed().softCloseOff()), sent);
            for (int lot = 1; lot <= lotsPerAuction; lot++)
            {
                sent = drained(admin, admin.addLot(a, lot, 1_00, 0, 0, end), sent);
            }
            for (int b = 1; b <= biddersPerAuction; b++)
            {
                sent = drained(admin, admin.registerBidder(a, b, b, 0), sent);
                sent = drained(admin, admin.approveBidder(a, b), sent);
            }
        }
        drain(admin, admin.requestAuctionStatus(1));
    }

    /** Every 512 commands, waits for the last one's answer so the set-up never runs far ahead of the cluster. */
    private static int drained(final ClusterGavelClient admin, final long correlationId, final int sent)
    {
        if ((sent + 1) % 512 == 0)
        {
            drain(admin, correlationId);
        }
        return sent + 1;
    }

    private static void drain(final ClusterGavelClient admin, final long last)
    {
        final Response response = admin.await(last, Duration.ofSeconds(60));
        if (response == null)
        {
            throw new IllegalStateException("cluster load set-up: no answer to command " + last + " in 60 s");
        }
        for (final Response earlier : admin.takeAnswers())
        {
            if (!earlier.accepted())
            {
                throw new IllegalStateException("cluster load set-up refused: " + earlier);
            }
        }
    }

    /** Bids at the options' rate for warm-up plus duration, in order; only the duration is recorded. */
    private static Measurement measure(final AeronCluster cluster, final LoadSession session,
        final LoadOptions options, final int lotsPerAuction, final int biddersPerAuction)
    {
        final long interval = 1_000_000_000L / options.rate;
        final long total = (long)options.rate * (options.warmupSeconds + options.durationSeconds);
        final long warmupCount = (long)options.rate * options.warmupSeconds;
        final long base = System.nanoTime() & 0x7FFF_FFFF_0000_0000L;
        final long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        final Answers answers = new Answers(base, start, interval, total, warmupCount, options.rate);
        session.answers = answers;
        final CommandEncoder encoder = new CommandEncoder();
        final SplittableRandom random = new SplittableRandom(42);
        final long[] lotHighWater = new long[options.auctions * lotsPerAuction];
        final boolean park = options.sendWait.equals("park");
        long next = 0;
        long lastProgress = System.nanoTime();
        long lastKeepAlive = lastProgress;
        long answeredBefore = 0;
        answers.measurement.loadAverageStart = loadAverage();
        while (next < total || answers.answered < total)
        {
            long now = System.nanoTime();
            while (next < total && start + next * interval <= now)
            {
                final int auction = 1 + random.nextInt(options.auctions);
                final int lot = 1 + random.nextInt(lotsPerAuction);
                final int index = (auction - 1) * lotsPerAuction + lot - 1;
                // The single engine's bids exactly (same seed, same prices): each new maximum clears the increment.
                lotHighWater[index] += 10 + random.nextInt(500) + lotHighWater[index] / 20;
                encoder.maxBid(base + next, auction, lot, 1 + random.nextInt(biddersPerAuction), lotHighWater[index]);
                if (!offer(cluster, session, encoder))
                {
                    answers.measurement.notSent++;
                }
                next++;
                if (next == warmupCount)
                {
                    answers.measurement.loadAverageStart = loadAverage();
                }
            }
            final int work = cluster.pollEgress();
            now = System.nanoTime();
            if (now - lastKeepAlive > TimeUnit.SECONDS.toNanos(1) && cluster.sendKeepAlive())
            {
                lastKeepAlive = now;
            }
            if (answers.answered != answeredBefore)
            {
                answeredBefore = answers.answered;
                lastProgress = now;
            }
            else if ((next == total && now - lastProgress > TimeUnit.SECONDS.toNanos(10)) || cluster.isClosed())
            {
                break;
            }
            if (work == 0)
            {
                final long untilDue = next < total ? start + next * interval - now : 50_000;
                if (park || untilDue > 100_000)
                {
                    LockSupport.parkNanos(Math.min(untilDue, 50_000));
                }
                else
                {
                    Thread.yield();
                }
            }
        }
        final Measurement m = answers.measurement;
        m.loadAverageEnd = loadAverage();
        m.sent = total - warmupCount;
        m.seconds = options.durationSeconds;
        m.answered = m.latency.getTotalCount();
        m.unanswered = m.sent - m.answered;
        return m;
    }

    /**
     * Offers one bid, in order: under back pressure it polls the egress (so answers keep coming) and tries again, and
     * every bid behind it waits, late and charged for it. False if the session closed or stayed blocked for 30 s.
     */
    private static boolean offer(final AeronCluster cluster, final LoadSession session, final CommandEncoder encoder)
    {
        long result = cluster.offer(encoder.buffer(), 0, encoder.length());
        if (result > 0)
        {
            return true;
        }
        session.backPressured++;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (result < 0 && !cluster.isClosed() && System.nanoTime() < deadline)
        {
            cluster.pollEgress();
            Thread.yield();
            result = cluster.offer(encoder.buffer(), 0, encoder.length());
        }
        return result > 0;
    }

    private static double loadAverage()
    {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** The load session's egress: answers to {@link Answers}, leader changes counted (the run does not follow). */
    private static final class LoadSession implements EgressListener
    {
        Answers answers;
        int leaderChanges;
        long backPressured;

        public void onMessage(final long clusterSessionId, final long timestamp, final DirectBuffer buffer,
            final int offset, final int length, final Header header)
        {
            if (answers != null)
            {
                answers.onFrame(buffer, offset, length);
            }
        }

        public void onNewLeader(final long clusterSessionId, final long leadershipTermId, final int leaderMemberId,
            final String ingressEndpoints)
        {
            leaderChanges++;
        }
    }

    /** Each bid's first answer on the egress, matched by correlation id; later duplicates are ignored. */
    private static final class Answers
    {
        final Measurement measurement = new Measurement();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final CommandRejectedDecoder rejected = new CommandRejectedDecoder();
        final BitSet seen;
        final long base;
        final long start;
        final long interval;
        final long total;
        final long warmupCount;
        long answered;

        Answers(final long base, final long start, final long interval, final long total, final long warmupCount,
            final int rate)
        {
            this.base = base;
            this.start = start;
            this.interval = interval;
            this.total = total;
            this.warmupCount = warmupCount;
            this.seen = new BitSet((int)total);
            measurement.rate = rate;
            measurement.windowStartNanos = start + warmupCount * interval;
        }

        void onFrame(final DirectBuffer buffer, final int offset, final int length)
        {
            final long now = System.nanoTime();
            if (length < MessageHeaderDecoder.ENCODED_LENGTH + Long.BYTES)
            {
                return;
            }
            header.wrap(buffer, offset);
            final int template = header.templateId();
            if (template != CommandAcceptedDecoder.TEMPLATE_ID && template != CommandRejectedDecoder.TEMPLATE_ID)
            {
                return;
            }
            // Every answer starts its block with the command's correlation id.
            final long index = buffer.getLong(offset + MessageHeaderDecoder.ENCODED_LENGTH, ByteOrder.LITTLE_ENDIAN) -
                base;
            if (index < 0 || index >= total || seen.get((int)index))
            {
                return;
            }
            seen.set((int)index);
            answered++;
            if (index >= warmupCount)
            {
                measurement.lastAnswerNanos = now;
                measurement.latency.recordValue(Math.max(0, now - (start + index * interval)));
                if (template == CommandRejectedDecoder.TEMPLATE_ID)
                {
                    measurement.count(rejected.wrapAndApplyHeader(buffer, offset, header).reason());
                }
            }
        }
    }
}
