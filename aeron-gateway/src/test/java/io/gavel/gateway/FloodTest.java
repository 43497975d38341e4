package io.gavel.gateway;

import io.gavel.client.AuctionSettings;
import io.gavel.client.GavelClient;
import io.gavel.client.GavelListener;
import io.gavel.sbe.RejectReason;
import io.gavel.sbe.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every command frame gets exactly one answer, even in a flood: 100,000 bids from one session as fast as Aeron takes
 * them, into the default rate limit and a small ring. Refusals (RATE_LIMITED, BUSY) need no ring slot and are never
 * dropped; the answers counted equal the frames sent (issue 11, point 5: thousands went unanswered).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FloodTest
{
    static final int FRAMES = 100_000;

    @TempDir
    Path dir;

    @Test
    void aHundredThousandFramesFromOneSessionGetAHundredThousandAnswers()
    {
        final EngineConfig config = EngineConfig.defaults().set("gavel.ring.size", "64");
        try (EngineHarness harness = new EngineHarness(dir, config);
            GavelClient admin = harness.client(1, Role.ADMIN, new GavelListener() {});
            RawSession bidder = new RawSession(harness.aeron, harness.config, 4100))
        {
            final long end = System.currentTimeMillis() * 1_000_000L + TimeUnit.HOURS.toNanos(1);
            EndToEndTest.assertAccepted(admin, admin.createAuction(1, AuctionSettings.timed()));
            EndToEndTest.assertAccepted(admin, admin.addLot(1, 1, 1_00, 0, 0, end));
            EndToEndTest.assertAccepted(admin, admin.registerBidder(1, 5, 5, 0));
            EndToEndTest.assertAccepted(admin, admin.approveBidder(1, 5));
            assertTrue(bidder.connect(-1, EngineHarness.token(5, Role.BIDDER)).accepted());
            bidder.answers.clear();
            bidder.answerCount = 0;

            final long started = System.nanoTime();
            for (int i = 1; i <= FRAMES; i++)
            {
                bidder.encoder.maxBid(i, 1, 1, 5, 1_00L * i);
                bidder.send();
                if ((i & 255) == 0)
                {
                    bidder.poll();
                }
            }
            final boolean all = bidder.pollUntil(() -> bidder.answerCount >= FRAMES, Duration.ofSeconds(60));
            final long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            final Map<RejectReason, Integer> reasons = new EnumMap<>(RejectReason.class);
            int accepted = 0;
            for (final RawSession.Answer answer : bidder.answers.values())
            {
                if (answer.accepted())
                {
                    accepted++;
                }
                else
                {
                    reasons.merge(answer.reason(), 1, Integer::sum);
                }
            }
            final String summary = FRAMES + " sent, " + bidder.answerCount + " answers for " + bidder.answers.size() +
                " ids in " + millis + " ms: " + accepted + " accepted, " + reasons;
            System.out.println("FloodTest: " + summary);
            assertTrue(all, summary);
            assertEquals(FRAMES, bidder.answers.size(), summary);
            // Exactly one answer each: a second answer would raise the count without adding an id.
            assertTrue(bidder.pollUntil(() -> bidder.answerCount > FRAMES, Duration.ofMillis(300)) == false, summary);
            assertTrue(reasons.getOrDefault(RejectReason.RATE_LIMITED, 0) > 0, summary);
            assertNull(harness.engine.failure());
        }
    }
}
