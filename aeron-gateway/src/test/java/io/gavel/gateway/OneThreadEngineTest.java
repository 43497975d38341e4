package io.gavel.gateway;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.gavel.client.AuctionSettings;
import io.gavel.client.GavelClient;
import io.gavel.client.Response;
import io.gavel.replay.journal.JournalVerifier;
import io.gavel.sbe.RejectReason;
import io.gavel.sbe.Role;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.gavel.gateway.EndToEndTest.assertAccepted;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The low-core layout's one thread (ingress, business logic, egress, client conductor and an invoker-mode media
 * driver): an egress held up by a subscriber that stops reading does not deadlock the thread that must move that
 * subscriber's publication limit; an fsync engine answers (its egress waits for the syncer on that thread); a restart
 * in that layout recovers the same state and continues the sequence.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OneThreadEngineTest
{
    @TempDir
    Path dir;

    /** An auction of 200 lots: their Added events are what a slow subscriber falls behind on. */
    private static void openAuctionOf200Lots(final GavelClient admin)
    {
        assertAccepted(admin, admin.createAuction(1, AuctionSettings.live()));
        long lastLot = 0;
        for (int lot = 1; lot <= 200; lot++)
        {
            lastLot = admin.addLot(1, lot, 10_00, 0, 0, 0);
        }
        assertAccepted(admin, lastLot);
    }

    @Test
    void aSubscriberThatStopsReadingThenResumesIsAnsweredInFull()
    {
        // Never dropped: the egress waits for the slow session as long as it takes, as `gavel perf load` sets it.
        final EngineConfig config = config("aeron").set("gavel.session.rate.limit", "0")
            .set("gavel.egress.retry.limit", "2000000000");
        try (OneThreadEngine one = new OneThreadEngine(config);
            GavelClient admin = one.client(1, Role.ADMIN))
        {
            openAuctionOf200Lots(admin);
            final long backPressuredBefore = one.engine.counters().backPressured.get();
            final long droppedBefore = one.engine.counters().subscribersDropped.get();
            final GavelClient slow = GavelClient.connect(new GavelClient.Context().aeron(one.aeron)
                .ingress(config.ingressChannel(), config.ingressStream())
                .response("aeron:ipc?term-length=65536", 7_777).subscribePublic(false)
                .token(EngineHarness.token(2, Role.ADMIN)).timeout(Duration.ofSeconds(10)));
            try
            {
                // 40 requests answered by 200 LotStatus frames each (~640 KB) into a 64 KB term: the egress, on the
                // engine's one thread, waits for this client, which does not read until the engine says it waits.
                long last = 0;
                for (int i = 0; i < 40; i++)
                {
                    last = slow.requestAuctionStatus(1);
                }
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (one.engine.counters().backPressured.get() == backPressuredBefore)
                {
                    assertTrue(System.nanoTime() < deadline, "the slow subscriber never back-pressured the egress");
                    Thread.onSpinWait();
                }
                // Resume: every answer arrives, none is dropped (an egress wait that did not run the driver would
                // never see the limit move, and the engine would wait forever).
                final Response answer = slow.await(last, Duration.ofSeconds(60));
                assertNotNull(answer, "the slow subscriber's last answer never came: the one thread is stuck");
                assertTrue(answer.accepted(), answer.toString());
                assertEquals(droppedBefore, one.engine.counters().subscribersDropped.get(), "a subscriber was dropped");
                // And the engine goes on serving everyone.
                assertAccepted(admin, admin.requestAuctionStatus(1));
            }
            finally
            {
                slow.close();
            }
            assertNull(one.engine.failure());
        }
    }

    @Test
    void anEngineWaitingForASubscriberThatNeverReadsAgainStillCloses()
    {
        final EngineConfig config = config("aeron").set("gavel.session.rate.limit", "0")
            .set("gavel.egress.retry.limit", "2000000000");
        try (OneThreadEngine one = new OneThreadEngine(config);
            GavelClient admin = one.client(1, Role.ADMIN))
        {
            openAuctionOf200Lots(admin);
            final long backPressuredBefore = one.engine.counters().backPressured.get();
            try (GavelClient never = GavelClient.connect(new GavelClient.Context().aeron(one.aeron)
                .ingress(config.ingressChannel(), config.ingressStream())
                .response("aeron:ipc?term-length=65536", 7_778).subscribePublic(false)
                .token(EngineHarness.token(3, Role.ADMIN)).timeout(Duration.ofSeconds(5))))
            {
                for (int i = 0; i < 40; i++)
                {
                    never.requestAuctionStatus(1);
                }
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (one.engine.counters().backPressured.get() == backPressuredBefore)
                {
                    assertTrue(System.nanoTime() < deadline, "the subscriber never back-pressured the egress");
                    Thread.onSpinWait();
                }
                // The one thread is waiting for a subscriber that will not read: close gives it up after its grace
                // (10 s) instead of waiting for ever (a liveness bound like the class's @Timeout, which could not stop
                // a close that hangs).
                assertTimeoutPreemptively(Duration.ofSeconds(60), () -> one.engine.close(), "close never returned");
                // (Its counters went with its Aeron client: that the close returned is the point.)
                assertNull(one.engine.failure());
                assertTrue(one.engine.lastSequence() >= 201, "the sale's commands were applied: " +
                    one.engine.lastSequence());
            }
        }
    }

    @Test
    void anFsyncEngineOnOneThreadAnswers()
    {
        try (OneThreadEngine one = new OneThreadEngine(config("aeron").set("gavel.journal.sync", "fsync"));
            GavelClient admin = one.client(1, Role.ADMIN))
        {
            assertAccepted(admin, admin.createAuction(1, AuctionSettings.live()));
            for (int lot = 1; lot <= 20; lot++)
            {
                assertAccepted(admin, admin.addLot(1, lot, 10_00, 0, 0, 0));
            }
            assertNull(one.engine.failure());
        }
    }

    @Test
    void aRestartInTheLowCoreLayoutRecoversTheStateAndContinuesTheSequence()
    {
        final long hashAtStop;
        final long lastSequence;
        try (OneThreadEngine one = new OneThreadEngine(config("aeron-1").set("gavel.snapshot.every", "10"));
            GavelClient admin = one.client(1, Role.ADMIN))
        {
            final long end = System.currentTimeMillis() * 1_000_000L + TimeUnit.HOURS.toNanos(1);
            assertAccepted(admin, admin.createAuction(1, AuctionSettings.timed()));
            for (int lot = 1; lot <= 5; lot++)
            {
                assertAccepted(admin, admin.addLot(1, lot, 10_00, 0, 0, end));
            }
            assertAccepted(admin, admin.registerBidder(1, 7, 7, 0));
            assertAccepted(admin, admin.approveBidder(1, 7));
            for (int i = 0; i < 25; i++)
            {
                assertAccepted(admin, admin.maxBid(1, 1 + i % 5, 7, 20_00 + i * 100));
            }
            one.engine.close();
            hashAtStop = one.engine.stateHashAtStop();
            lastSequence = one.engine.lastSequence();
            assertNull(one.engine.failure());
        }
        try (OneThreadEngine restarted = new OneThreadEngine(config("aeron-2"));
            GavelClient admin = restarted.client(1, Role.ADMIN))
        {
            assertTrue(restarted.engine.recovery().contains("snapshot at 30 + " + (lastSequence - 30) +
                " commands replayed"),
                restarted.engine.recovery());
            assertEquals(hashAtStop, restarted.engine.recoveredStateHash());
            final Response again = admin.await(admin.createAuction(1, AuctionSettings.live()), Duration.ofSeconds(10));
            assertNotNull(again);
            assertEquals(RejectReason.AUCTION_EXISTS, again.reason(), "state survived the restart");
            assertEquals(lastSequence + 1, again.engineSequence(), "the sequence continues");
        }
        final JournalVerifier.Report report = JournalVerifier.verify(dir.resolve("journal"), null);
        assertTrue(report.verified(), report.failure);
    }

    private EngineConfig config(final String aeronDir)
    {
        return EngineConfig.defaults()
            .set("gavel.aeron.dir", dir.resolve(aeronDir).toString())
            .set("gavel.journal.dir", dir.resolve("journal").toString())
            .set("gavel.token.secret", EngineHarness.SECRET)
            .set("gavel.layout", "low-core");
    }

    /** An invoker-mode driver that only the engine's one thread runs, the engine, and a client of that driver. */
    private static final class OneThreadEngine implements AutoCloseable
    {
        final MediaDriver driver;
        final GavelEngine engine;
        final Aeron aeron;
        final EngineConfig config;

        OneThreadEngine(final EngineConfig config)
        {
            this.config = config;
            driver = EmbeddedDriver.launch(config.aeronDir(), EngineLayout.LOW_CORE);
            try
            {
                engine = GavelEngine.start(config, EmbeddedDriver.invoker(driver));
            }
            catch (final RuntimeException ex)
            {
                driver.close();
                throw ex;
            }
            // A driver nobody runs any more (the one thread stuck) fails the test by its assertions, not the JVM.
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(config.aeronDir())
                .errorHandler(Throwable::printStackTrace));
            for (final Thread thread : Thread.getAllStackTraces().keySet())
            {
                assertFalse(thread.getName().startsWith("gavel-ring"), "a ring thread runs: " + thread.getName());
            }
        }

        GavelClient client(final long principal, final Role role)
        {
            return LowCoreLayoutTest.client(aeron, config, principal, role);
        }

        public void close()
        {
            CloseHelper.quietCloseAll(aeron, engine, driver);
        }
    }
}
