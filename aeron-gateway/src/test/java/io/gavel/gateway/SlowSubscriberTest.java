package io.gavel.gateway;

import io.gavel.client.AuctionSettings;
import io.gavel.client.GavelClient;
import io.gavel.client.GavelListener;
import io.gavel.client.Response;
import io.gavel.core.MatchingCore;
import io.gavel.core.pipeline.CommandJournal;
import io.gavel.core.pipeline.CommandSlot;
import io.gavel.core.pipeline.EnginePipeline;
import io.gavel.sbe.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * One slow client never stalls the engine: a session that stops reading its responses is dropped and counted while
 * another session is served. A full ring refuses at once instead of blocking the ingress.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SlowSubscriberTest
{
    @TempDir
    Path dir;

    @Test
    void aSessionThatStopsReadingIsDroppedAndOthersAreServed()
    {
        final EngineConfig config = EngineConfig.defaults().set("gavel.session.rate.limit", "0")
            .set("gavel.egress.retry.limit", "10");
        try (EngineHarness harness = new EngineHarness(dir, config);
            GavelClient healthy = harness.client(1, Role.ADMIN, new GavelListener() {}))
        {
            final long dropsBefore = harness.engine.counters().subscribersDropped.get();
            // The slow one reads its answers over a small window and then never polls again.
            final GavelClient slow = GavelClient.connect(new GavelClient.Context().aeron(harness.aeron)
                .response("aeron:ipc?term-length=65536", 7_777).subscribePublic(false)
                .token(EngineHarness.token(2, Role.ADMIN)).timeout(Duration.ofSeconds(10)));
            EndToEndTest.assertAccepted(healthy, healthy.createAuction(1, AuctionSettings.live()));
            long lastLot = 0;
            for (int lot = 1; lot <= 200; lot++)
            {
                lastLot = healthy.addLot(1, lot, 10_00, 0, 0, 0);
            }
            EndToEndTest.assertAccepted(healthy, lastLot);
            // Each status request answers 200 LotStatus frames (~80 bytes each) that the slow client never reads.
            for (int i = 0; i < 40; i++)
            {
                assertTrue(slow.sendRaw(statusRequest(i), 0, statusLength), "could not send status request " + i);
            }
            assertTrue(healthy.pollUntil(() -> harness.engine.counters().subscribersDropped.get() > dropsBefore,
                Duration.ofSeconds(30)), "the slow session was never dropped");
            final Response stillServed = healthy.await(healthy.requestAuctionStatus(1), Duration.ofSeconds(10));
            assertNotNull(stillServed, "the healthy session was not served");
            assertTrue(stillServed.accepted());
            assertTrue(harness.engine.counters().backPressured.get() > 0);
        }
    }

    @Test
    void aResponseChannelThatNeverConnectsDoesNotHoldUpOthers() throws Exception
    {
        try (EngineHarness harness = new EngineHarness(dir);
            GavelClient healthy = harness.client(1, Role.ADMIN, new GavelListener() {});
            io.aeron.ExclusivePublication raw = harness.aeron.addExclusivePublication("aeron:ipc", 1001))
        {
            // A connect whose response channel points at a port nobody listens on.
            encoder.connect(5, 4242, "aeron:udp?endpoint=127.0.0.1:" + LoopbackPorts.freeUdpPort(),
                EngineHarness.token(9, Role.BIDDER));
            while (raw.offer(encoder.buffer(), 0, encoder.length()) < 0)
            {
                Thread.yield();
            }
            final long dropsBefore = harness.engine.counters().subscribersDropped.get();
            final long started = System.nanoTime();
            final Response answer = healthy.await(healthy.requestAuctionStatus(1), Duration.ofSeconds(10));
            assertNotNull(answer);
            assertTrue(System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(1_500),
                "an answer waited behind a connecting session");
            assertTrue(healthy.pollUntil(() -> harness.engine.counters().subscribersDropped.get() > dropsBefore,
                Duration.ofSeconds(10)), "the unreachable session was never given up");
        }
    }

    private final io.gavel.protocol.CommandEncoder encoder = new io.gavel.protocol.CommandEncoder();
    private int statusLength;

    private org.agrona.concurrent.UnsafeBuffer statusRequest(final int i)
    {
        encoder.auctionStatus(90_000 + i, 1);
        statusLength = encoder.length();
        return encoder.buffer();
    }

    @Test
    void aFullRingRefusesAtOnce() throws Exception
    {
        final CountDownLatch release = new CountDownLatch(1);
        final CommandJournal stuck = new CommandJournal()
        {
            public void appendCommand(final CommandSlot slot)
            {
                try
                {
                    release.await();
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }

            public void appendEvents(final CommandSlot slot)
            {
            }
        };
        final EnginePipeline pipeline = new EnginePipeline(new MatchingCore(), stuck, slot -> { }, 8,
            IdleStrategies.wait(IdleStrategies.SLEEPING), 0, Thread::new);
        try
        {
            int claimed = 0;
            CommandSlot slot;
            while ((slot = pipeline.tryClaim()) != null)
            {
                slot.kind = CommandSlot.Kind.COMMAND;
                pipeline.publish();
                claimed++;
                assertTrue(claimed <= 8, "claimed more slots than the ring has");
            }
            assertEquals(8, claimed, "the ring holds 8 slots; the next claim is refused at once");
        }
        finally
        {
            release.countDown();
            pipeline.close();
        }
    }
}
