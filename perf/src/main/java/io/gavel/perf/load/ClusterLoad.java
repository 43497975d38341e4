package io.gavel.perf.load;

import io.aeron.driver.MediaDriver;
import io.gavel.client.AuctionSettings;
import io.gavel.client.Response;
import io.gavel.cluster.client.ClusterGavelClient;
import io.gavel.gateway.EmbeddedDriver;
import io.gavel.gateway.SessionToken;
import io.gavel.sbe.CommandAcceptedDecoder;
import io.gavel.sbe.CommandRejectedDecoder;
import io.gavel.sbe.MessageHeaderDecoder;
import io.gavel.sbe.Role;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.BitSet;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The open-loop load against a cluster: the auctions, lots and registrations of the options set up through a
 * {@link ClusterGavelClient}, then bids at a fixed rate through another one, each stamped with its intended send
 * time (its correlation id says which bid it is), and the latency from that time to the bid's answer on the
 * session's cluster egress in HdrHistogram, as {@link LoadHarness} does for a single engine.
 *
 * <p>The client is not thread-safe, so one thread sends each bid when it falls due and polls the egress in between;
 * a bid that meets back pressure stays with the client and goes out on its next poll, late and charged for it.
 */
final class ClusterLoad
{
    /** Unanswered bids are resent after this long; far beyond the run, so no bid is counted twice in a window. */
    static final Duration RESEND_AFTER = Duration.ofMinutes(10);
    private static final long LOAD_PRINCIPAL = 1;
    private static final long SETUP_PRINCIPAL = 2;

    private ClusterLoad()
    {
    }

    /** What the cluster side found: the measurement and how the client followed the leader meanwhile. */
    record Result(Measurement measurement, int members, int leaderChanges, long resent)
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
            ClusterGavelClient admin = null;
            ClusterGavelClient bids = null;
            try
            {
                admin = client(cluster, driver, SETUP_PRINCIPAL, (buffer, offset, length) -> { });
                final int lotsPerAuction = options.lots / options.auctions;
                final int biddersPerAuction = Math.max(2, options.bidders / options.auctions);
                setUp(admin, options, lotsPerAuction, biddersPerAuction);
                // Closed now: a session nobody polls would fill its egress with the load's public events, and the
                // leader would spend retries on it for every frame.
                admin.close();
                admin = null;
                // The listener is the client's from its connect; the run's answers are known only when it starts.
                final Answers[] current = new Answers[1];
                bids = client(cluster, driver, LOAD_PRINCIPAL, (buffer, offset, length) ->
                {
                    if (current[0] != null)
                    {
                        current[0].onFrame(buffer, offset, length);
                    }
                });
                System.gc();
                out.println("cluster ready (leader member " + bids.leaderMemberId() + "); loading");
                final Measurement measurement = measure(bids, current, options, lotsPerAuction, biddersPerAuction);
                return new Result(measurement, members, bids.leaderChanges(), bids.resent());
            }
            finally
            {
                CloseHelper.quietCloseAll(bids, admin, driver);
            }
        }
    }

    private static ClusterGavelClient client(final ClusterMembers cluster, final MediaDriver driver,
        final long principal, final ClusterGavelClient.FrameListener listener)
    {
        return ClusterGavelClient.connect(new ClusterGavelClient.Context().cluster(cluster.config)
            .frameListener(listener).aeronDirectory(driver.aeronDirectoryName()).resendAfter(RESEND_AFTER)
            .token(SessionToken.issue(ClusterMembers.SECRET, principal, Role.ADMIN,
                System.currentTimeMillis() + 3_600_000))
            .timeout(Duration.ofSeconds(30)));
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

    /** Bids at the options' rate for warm-up plus duration; only the duration is recorded. */
    private static Measurement measure(final ClusterGavelClient client, final Answers[] current,
        final LoadOptions options, final int lotsPerAuction, final int biddersPerAuction)
    {
        final long interval = 1_000_000_000L / options.rate;
        final long total = (long)options.rate * (options.warmupSeconds + options.durationSeconds);
        final long warmupCount = (long)options.rate * options.warmupSeconds;
        final long base = System.nanoTime() & 0x7FFF_FFFF_0000_0000L;
        final long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        final Answers answers = new Answers(base, start, interval, total, warmupCount, options.rate);
        current[0] = answers;
        final SplittableRandom random = new SplittableRandom(42);
        final long[] lotHighWater = new long[options.auctions * lotsPerAuction];
        final boolean park = options.sendWait.equals("park");
        long next = 0;
        long lastProgress = System.nanoTime();
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
                client.retryMaxBid(base + next, auction, lot, 1 + random.nextInt(biddersPerAuction),
                    lotHighWater[index]);
                next++;
                if (next == warmupCount)
                {
                    answers.measurement.loadAverageStart = loadAverage();
                }
            }
            final int work = client.poll();
            client.takeAnswers();
            now = System.nanoTime();
            if (answers.answered != answeredBefore)
            {
                answeredBefore = answers.answered;
                lastProgress = now;
            }
            else if (next == total && now - lastProgress > TimeUnit.SECONDS.toNanos(10))
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
        m.notSent = client.unansweredCount();
        return m;
    }

    private static double loadAverage()
    {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
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
                measurement.latency.recordValue(Math.max(0, now - (start + index * interval)));
                if (template == CommandRejectedDecoder.TEMPLATE_ID)
                {
                    measurement.count(rejected.wrapAndApplyHeader(buffer, offset, header).reason());
                }
            }
        }
    }
}
