package io.gavel.ops;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.gavel.client.AuctionSettings;
import io.gavel.client.GavelClient;
import io.gavel.client.GavelClientException;
import io.gavel.client.GavelListener;
import io.gavel.client.Response;
import io.gavel.gateway.EmbeddedDriver;
import io.gavel.gateway.LoopbackPorts;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 11, point 11: an engine SIGKILLed under load and restarted within a second must not sequence again what its
 * journal already holds. The driver keeps the dead engine's subscription for a while, so the new one joins the
 * clients' UDP streams where they began and re-reads them. Repeated kills under load with a small idempotency window:
 * every command frame is journaled at most once (a command is journaled twice only when its client retried it), and
 * every answer to a retry matches the first answer its command got.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RestartIT
{
    static final String SECRET = "restart-test";
    static final int BIDDERS = 3;
    static final int LOTS = 10;
    static final int KILLS = 3;

    @TempDir
    Path dir;

    /** What one bidder saw: the first answer of each command, and which commands it sent more than once. */
    static final class Seen
    {
        final Map<String, String> firstAnswer = new ConcurrentHashMap<>();
        final Set<String> retried = ConcurrentHashMap.newKeySet();
        final List<String> contradictions = java.util.Collections.synchronizedList(new ArrayList<>());
    }

    @Test
    void aRestartedEngineNeverSequencesAJournaledCommandAgain() throws Exception
    {
        final Path config = dir.resolve("gavel.properties");
        final String aeronDir = dir.resolve("aeron").toString();
        final Path journal = dir.resolve("journal");
        final String ingress = "aeron:udp?endpoint=127.0.0.1:" + LoopbackPorts.freeUdpPort();
        Files.writeString(config, "gavel.aeron.dir=" + aeronDir + "\ngavel.journal.dir=" + journal + "\n" +
            "gavel.token.secret=" + SECRET + "\ngavel.ingress.channel=" + ingress + "\ngavel.ingress.stream=4101\n" +
            "gavel.session.rate.limit=0\ngavel.correlation.window=256\ngavel.public.stream=4102\n");
        final Seen seen = new Seen();
        final AtomicBoolean stop = new AtomicBoolean();
        try (MediaDriver driver = EmbeddedDriver.launch(aeronDir);
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName())))
        {
            Process engine = start(config, dir.resolve("engine-0.log"));
            setUp(aeron, ingress);
            final List<Thread> threads = new ArrayList<>();
            for (int b = 1; b <= BIDDERS; b++)
            {
                final long bidder = b;
                final Thread thread = new Thread(() -> bid(aeron, ingress, bidder, stop, seen), "bidder-" + b);
                threads.add(thread);
                thread.start();
            }
            for (int kill = 1; kill <= KILLS; kill++)
            {
                final int target = seen.firstAnswer.size() + 400;
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (seen.firstAnswer.size() < target && System.nanoTime() < deadline)
                {
                    Thread.sleep(5);
                }
                assertTrue(seen.firstAnswer.size() >= target, "answers before kill " + kill + ": " +
                    seen.firstAnswer.size());
                engine.destroyForcibly(); // SIGKILL under load
                assertTrue(engine.waitFor(30, TimeUnit.SECONDS));
                engine = start(config, dir.resolve("engine-" + kill + ".log"));
            }
            final int target = seen.firstAnswer.size() + 200;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (seen.firstAnswer.size() < target && System.nanoTime() < deadline)
            {
                Thread.sleep(5);
            }
            stop.set(true);
            for (final Thread thread : threads)
            {
                thread.join(30_000);
            }
            aeron.countersReader().forEach((id, type, key, label) ->
            {
                if (label.contains("skipped as already journaled"))
                {
                    System.out.println("RestartIT: an engine's " + label + ": " +
                        aeron.countersReader().getCounterValue(id));
                }
            });
            engine.destroy();
            assertTrue(engine.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(seen.contradictions.isEmpty(), "a retry got another outcome than the original: " +
            seen.contradictions.subList(0, Math.min(10, seen.contradictions.size())));
        final Map<String, Integer> journaled = journaledBids(journal);
        final List<String> repeated = new ArrayList<>();
        for (final Map.Entry<String, Integer> entry : journaled.entrySet())
        {
            if (entry.getValue() > 1 && !seen.retried.contains(entry.getKey()))
            {
                repeated.add(entry.getKey() + " x" + entry.getValue());
            }
        }
        assertTrue(repeated.isEmpty(), repeated.size() + " of " + journaled.size() +
            " commands were sequenced again without a retry, e.g. " + repeated.subList(0, Math.min(10,
            repeated.size())));
        for (final Map.Entry<String, String> answer : seen.firstAnswer.entrySet())
        {
            if (answer.getValue().startsWith("seq"))
            {
                assertTrue(journaled.containsKey(answer.getKey()), "acknowledged " + answer.getKey() +
                    " is not in the journal");
            }
        }
        final JournalVerifier.Report report = JournalVerifier.verify(journal, null);
        assertTrue(report.verified(), report.failure);
        System.out.println("RestartIT: " + KILLS + " kills, " + seen.firstAnswer.size() + " commands answered, " +
            seen.retried.size() + " retried, " + journaled.size() + " journaled bids");
    }

    private Process start(final Path config, final Path log) throws Exception
    {
        final Process engine = GavelProcess.builder(dir, log, "engine", "-c", config.toString()).start();
        GavelProcess.awaitLog(log, "  public ", engine);
        return engine;
    }

    private static void setUp(final Aeron aeron, final String ingress)
    {
        try (GavelClient admin = client(aeron, ingress, 900, Role.ADMIN))
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

    /**
     * Bids with rising maxima; a command with no answer in time is retried with the same correlation id (on a new
     * session if the old one is gone) until it is answered. The first answer of each command is the truth; any
     * later answer must agree.
     */
    private static void bid(final Aeron aeron, final String ingress, final long bidder, final AtomicBoolean stop,
        final Seen seen)
    {
        GavelClient client = null;
        long amount = 1_00 + bidder;
        try
        {
            while (!stop.get())
            {
                if (client == null)
                {
                    client = reconnect(aeron, ingress, bidder, stop);
                    if (client == null)
                    {
                        return;
                    }
                }
                amount += 50;
                final long lot = 1 + amount % LOTS;
                final long id = client.maxBid(1, lot, bidder, amount);
                final String key = bidder + "/" + id;
                Response response = client.await(id, Duration.ofSeconds(1));
                while (response == null && !stop.get())
                {
                    seen.retried.add(key);
                    client.close();
                    client = reconnect(aeron, ingress, bidder, stop);
                    if (client == null)
                    {
                        return;
                    }
                    client.retryMaxBid(id, 1, lot, bidder, amount);
                    response = client.await(id, Duration.ofSeconds(1));
                }
                if (response != null)
                {
                    record(seen, key, response);
                }
            }
        }
        finally
        {
            if (client != null)
            {
                client.close();
            }
        }
    }

    private static void record(final Seen seen, final String key, final Response response)
    {
        final String outcome = response.engineSequence() > 0 && response.accepted() ? "seq" :
            response.accepted() ? "accepted" : String.valueOf(response.reason());
        final String first = seen.firstAnswer.putIfAbsent(key, outcome);
        if (first != null && !first.equals(outcome))
        {
            seen.contradictions.add(key + ": " + first + " then " + outcome);
        }
    }

    private static GavelClient reconnect(final Aeron aeron, final String ingress, final long bidder,
        final AtomicBoolean stop)
    {
        while (!stop.get())
        {
            try
            {
                return client(aeron, ingress, bidder, Role.BIDDER);
            }
            catch (final GavelClientException ex)
            {
                // The engine is restarting: try again.
            }
        }
        return null;
    }

    /** How many times each bidder's (principal/correlation id) MaxBid was journaled. */
    private static Map<String, Integer> journaledBids(final Path journal)
    {
        final Map<String, Integer> bids = new HashMap<>();
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
                    bids.merge(record.principal() + "/" + maxBid.correlationId(), 1, Integer::sum);
                }
                return true;
            });
        }
        return bids;
    }

    private static GavelClient client(final Aeron aeron, final String ingress, final long principal,
        final Role role)
    {
        return GavelClient.connect(new GavelClient.Context().aeron(aeron).ingress(ingress, 4101)
            .publicStream("aeron:ipc", 4102).subscribePublic(false)
            .token(SessionToken.issue(SECRET, principal, role, System.currentTimeMillis() + 600_000))
            .listener(new GavelListener() {}).timeout(Duration.ofSeconds(3)));
    }

    private static void accept(final GavelClient client, final long correlationId)
    {
        final Response response = client.await(correlationId, Duration.ofSeconds(10));
        assertNotNull(response);
        assertTrue(response.accepted(), response.toString());
    }
}
