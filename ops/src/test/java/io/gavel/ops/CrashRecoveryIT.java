package io.gavel.ops;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.gavel.client.AuctionSettings;
import io.gavel.client.GavelClient;
import io.gavel.client.GavelClientException;
import io.gavel.client.GavelListener;
import io.gavel.client.Response;
import io.gavel.core.EventBuffer;
import io.gavel.core.MatchingCore;
import io.gavel.gateway.EmbeddedDriver;
import io.gavel.gateway.SessionToken;
import io.gavel.journal.JournalLayout;
import io.gavel.journal.JournalReader;
import io.gavel.replay.journal.JournalVerifier;
import io.gavel.sbe.MaxBidDecoder;
import io.gavel.sbe.MessageHeaderDecoder;
import io.gavel.sbe.RecordKind;
import io.gavel.sbe.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 4's crash test: an engine in its own JVM is killed with SIGKILL while clients bid. After a restart, every bid
 * acknowledged to a client is in the journal, the sequence continues with no gap and no repeat, and the restarted
 * engine's state hash equals a clean replay of the journal.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CrashRecoveryIT
{
    static final String SECRET = "crash-test";
    static final int BIDDERS = 3;
    static final int LOTS = 20;
    static final Pattern RECOVERED = Pattern.compile("recovered to sequence (\\d+).*state hash ([0-9a-f]{16})");
    static final Pattern STOPPED = Pattern.compile("engine stopped: last sequence (\\d+), state hash ([0-9a-f]{16})");

    @TempDir
    Path dir;

    @Test
    void acknowledgedBidsSurviveSigkill() throws Exception
    {
        final Path config = dir.resolve("gavel.properties");
        final String aeronDir = dir.resolve("aeron").toString();
        final Path journal = dir.resolve("journal");
        Files.writeString(config, "gavel.aeron.dir=" + aeronDir + "\ngavel.journal.dir=" + journal + "\n" +
            "gavel.token.secret=" + SECRET + "\ngavel.snapshot.every=700\ngavel.ingress.stream=4001\n" +
            "gavel.session.rate.limit=0\n" +
            "gavel.public.stream=4002\n");
        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        try (MediaDriver driver = EmbeddedDriver.launch(aeronDir);
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName())))
        {
            final Path firstLog = dir.resolve("engine-1.log");
            final Process first = GavelProcess.builder(dir, firstLog, "engine", "-c", config.toString()).start();
            GavelProcess.awaitLog(firstLog, "  public ", first);
            setUp(aeron);

            final AtomicBoolean stop = new AtomicBoolean();
            final List<Thread> threads = new CopyOnWriteArrayList<>();
            for (int b = 1; b <= BIDDERS; b++)
            {
                final long bidder = b;
                final Thread thread = new Thread(() -> bid(aeron, bidder, stop, acknowledged), "bidder-" + b);
                threads.add(thread);
                thread.start();
            }
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acknowledged.size() < 1_500 && System.nanoTime() < deadline)
            {
                Thread.sleep(5);
            }
            assertTrue(acknowledged.size() >= 1_500, "bids acknowledged before the kill: " + acknowledged.size());
            first.destroyForcibly(); // SIGKILL, while the bidders are still sending
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));
            stop.set(true);
            for (final Thread thread : threads)
            {
                thread.join(30_000);
            }

            final Path secondLog = dir.resolve("engine-2.log");
            final Process second = GavelProcess.builder(dir, secondLog, "engine", "-c", config.toString()).start();
            GavelProcess.awaitLog(secondLog, "  public ", second);
            final Matcher recovered = RECOVERED.matcher(Files.readString(secondLog));
            assertTrue(recovered.find(), Files.readString(secondLog));
            final long recoveredSequence = Long.parseLong(recovered.group(1));
            final long recoveredHash = Long.parseUnsignedLong(recovered.group(2), 16);

            // The sequence continues: a new command gets the next number.
            try (GavelClient admin = client(aeron, 900, Role.ADMIN))
            {
                final Response snapshot = admin.await(admin.takeSnapshot(), Duration.ofSeconds(10));
                assertNotNull(snapshot, "no answer from the restarted engine: " + Files.readString(secondLog));
                assertEquals(recoveredSequence + 1, snapshot.engineSequence());
            }
            second.destroy();
            assertTrue(second.waitFor(30, TimeUnit.SECONDS));
            final Matcher stopped = STOPPED.matcher(Files.readString(secondLog));
            assertTrue(stopped.find(), Files.readString(secondLog));
            final long stoppedHash = Long.parseUnsignedLong(stopped.group(2), 16);

            final JournalVerifier.Report report = JournalVerifier.verify(journal, null);
            assertTrue(report.verified(), report.failure);
            assertEquals(recoveredSequence + 1, report.lastSequence);
            assertEquals(report.stateHash, stoppedHash, "restarted engine and clean replay disagree");
            assertEquals(replayHash(journal, recoveredSequence), recoveredHash,
                "recovered state differs from a clean replay to the same sequence");
        }
        final Set<String> journaled = journaledBids(journal);
        final Set<String> missing = new HashSet<>(acknowledged);
        missing.removeAll(journaled);
        assertTrue(missing.isEmpty(), missing.size() + " acknowledged bids are not in the journal: " + missing);
    }

    private static void setUp(final Aeron aeron)
    {
        try (GavelClient admin = client(aeron, 900, Role.ADMIN))
        {
            final long end = System.currentTimeMillis() * 1_000_000L + TimeUnit.HOURS.toNanos(1);
            accept(admin, admin.createAuction(1, AuctionSettings.timed().softCloseOff()));
            for (int lot = 1; lot <= LOTS; lot++)
            {
                accept(admin, admin.addLot(1, lot, 1_00, 0, 0, end));
            }
            for (int b = 1; b <= BIDDERS; b++)
            {
                accept(admin, admin.registerBidder(1, b, 100 + b, 0));
                accept(admin, admin.approveBidder(1, b));
            }
        }
    }

    private static void bid(final Aeron aeron, final long bidder, final AtomicBoolean stop,
        final Set<String> acknowledged)
    {
        try (GavelClient client = client(aeron, bidder, Role.BIDDER))
        {
            long amount = 1_00 + bidder;
            while (!stop.get())
            {
                amount += 50;
                final long id = client.maxBid(1, 1 + amount % LOTS, bidder, amount);
                final Response response = client.await(id, Duration.ofSeconds(2));
                if (response == null)
                {
                    return; // the engine is gone
                }
                // Answers the ingress gives on its own (BUSY, RATE_LIMITED) carry no sequence: nothing was journaled.
                if (response.engineSequence() > 0)
                {
                    acknowledged.add(bidder + "/" + id);
                }
            }
        }
        catch (final GavelClientException ex)
        {
            // The engine died under us: what was acknowledged before is what counts.
        }
    }

    private static Set<String> journaledBids(final Path journal)
    {
        final Set<String> bids = new HashSet<>();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final MaxBidDecoder maxBid = new MaxBidDecoder();
        try (JournalReader reader = JournalReader.open(JournalLayout.openExisting(journal)))
        {
            reader.readAll((position, record, frame, offset, length, chainIntact) ->
            {
                if (record.kind() == RecordKind.COMMAND && header.wrap(frame, offset).templateId() ==
                    MaxBidDecoder.TEMPLATE_ID)
                {
                    maxBid.wrapAndApplyHeader(frame, offset, header);
                    bids.add(record.principal() + "/" + maxBid.correlationId());
                }
                return true;
            });
        }
        return bids;
    }

    private static long replayHash(final Path journal, final long upTo)
    {
        final MatchingCore core = new MatchingCore();
        final EventBuffer events = new EventBuffer();
        try (JournalReader reader = JournalReader.open(JournalLayout.openExisting(journal)))
        {
            reader.readAll((position, record, frame, offset, length, chainIntact) ->
            {
                if (record.kind() == RecordKind.COMMAND && record.engineSequence() <= upTo)
                {
                    core.apply(record.engineSequence(), record.engineTime(), record.principal(), record.role(), frame,
                        offset, length, events);
                }
                return true;
            });
        }
        return core.stateHash();
    }

    private static GavelClient client(final Aeron aeron, final long principal, final Role role)
    {
        return GavelClient.connect(new GavelClient.Context().aeron(aeron).ingress("aeron:ipc", 4001)
            .publicStream("aeron:ipc", 4002).subscribePublic(false)
            .token(SessionToken.issue(SECRET, principal, role, System.currentTimeMillis() + 600_000))
            .listener(new GavelListener() {}).timeout(Duration.ofSeconds(10)));
    }

    private static void accept(final GavelClient client, final long correlationId)
    {
        final Response response = client.await(correlationId, Duration.ofSeconds(10));
        assertNotNull(response);
        assertTrue(response.accepted(), response.toString());
    }

}
