package io.gavel.gateway;

import io.gavel.client.AuctionSettings;
import io.gavel.client.GavelClient;
import io.gavel.client.GavelListener;
import io.gavel.client.Response;
import io.gavel.protocol.CommandEncoder;
import io.gavel.core.EventBuffer;
import io.gavel.core.MatchingCore;
import io.gavel.sbe.CommandAcceptedDecoder;
import io.gavel.sbe.CommandRejectedDecoder;
import io.gavel.sbe.MessageHeaderDecoder;
import io.gavel.sbe.MessageHeaderEncoder;
import io.gavel.sbe.RejectReason;
import io.gavel.sbe.Role;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Thousands of random, truncated, oversized and foreign-schema frames interleaved with valid bids: the engine never
 * stops, every valid bid gets the outcome a reference core gives it, and the malformed counter matches what was sent.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostileInputTest
{
    static final long BIDDER = 31;

    @TempDir
    Path dir;

    @Test
    void garbageNeverHurtsValidBids()
    {
        final EngineConfig config = EngineConfig.defaults().set("gavel.session.rate.limit", "0");
        try (EngineHarness harness = new EngineHarness(dir, config);
            GavelClient admin = harness.client(1, Role.ADMIN, new GavelListener() {});
            GavelClient bidder = harness.client(BIDDER, Role.BIDDER, new GavelListener() {}))
        {
            final long end = System.currentTimeMillis() * 1_000_000L + TimeUnit.HOURS.toNanos(1);
            final CommandEncoder reference = new CommandEncoder();
            final MatchingCore model = new MatchingCore();
            final EventBuffer modelEvents = new EventBuffer();
            long modelSequence = 0;
            EndToEndTest.assertAccepted(admin, admin.createAuction(2, AuctionSettings.timed()));
            reference.createAuction(1, 2, io.gavel.sbe.Format.TIMED, "USD", 0, io.gavel.sbe.TiePolicy.EARLIEST_WINS,
                io.gavel.sbe.RetractionPolicy.NULL_VAL, true, 120_000_000_000L, 120_000_000_000L, 0, 0,
                new long[0], new long[0], 0);
            model.apply(++modelSequence, 0, 1, Role.ADMIN, reference.buffer(), 0, reference.length(), modelEvents);
            for (int lot = 1; lot <= 4; lot++)
            {
                EndToEndTest.assertAccepted(admin, admin.addLot(2, lot, 5_00, 0, 0, end));
                reference.addLot(10 + lot, 2, lot, 5_00, 0, 0, end);
                model.apply(++modelSequence, 0, 1, Role.ADMIN, reference.buffer(), 0, reference.length(), modelEvents);
            }
            EndToEndTest.assertAccepted(admin, admin.registerBidder(2, BIDDER, 9, 0));
            EndToEndTest.assertAccepted(admin, admin.approveBidder(2, BIDDER));
            reference.registerBidder(20, 2, BIDDER, 9, 0);
            model.apply(++modelSequence, 0, 1, Role.ADMIN, reference.buffer(), 0, reference.length(), modelEvents);
            reference.approveBidder(21, 2, BIDDER);
            model.apply(++modelSequence, 0, 1, Role.ADMIN, reference.buffer(), 0, reference.length(), modelEvents);

            final long malformedBefore = harness.engine.counters().malformed.get();
            final SplittableRandom random = new SplittableRandom(2026);
            final CommandEncoder encoder = new CommandEncoder();
            final UnsafeBuffer garbage = new UnsafeBuffer(new byte[4096]);
            final List<Long> validIds = new ArrayList<>();
            final List<String> expected = new ArrayList<>();
            int bad = 0;
            for (int i = 0; i < 3_000; i++)
            {
                if (i % 5 == 0)
                {
                    final long id = 100_000 + i;
                    final long amount = 5_00 + random.nextInt(2_000) * 10L;
                    final long lot = 1 + random.nextInt(4);
                    assertEquals(id, bidder.retryMaxBid(id, 2, lot, BIDDER, amount));
                    encoder.maxBid(id, 2, lot, BIDDER, amount);
                    validIds.add(id);
                    model.apply(++modelSequence, 0, BIDDER, Role.BIDDER, encoder.buffer(), 0, encoder.length(),
                        modelEvents);
                    expected.add(outcome(modelEvents));
                    continue;
                }
                final int kind = random.nextInt(4);
                final int length;
                switch (kind)
                {
                    case 0: // random bytes whose schema id is never ours
                        length = 1 + random.nextInt(200);
                        for (int b = 0; b < length; b++)
                        {
                            garbage.putByte(b, (byte)random.nextInt(256));
                        }
                        if (length >= MessageHeaderDecoder.ENCODED_LENGTH)
                        {
                            garbage.putShort(4, (short)(1 + random.nextInt(7000)), ByteOrder.LITTLE_ENDIAN);
                        }
                        break;
                    case 1: // a valid bid cut short
                        encoder.maxBid(1, 2, 1, BIDDER, 10_00);
                        garbage.putBytes(0, encoder.buffer(), 0, encoder.length());
                        length = 1 + random.nextInt(encoder.length() - 1);
                        break;
                    case 2: // oversized: a valid header on a frame larger than any command
                        encoder.maxBid(1, 2, 1, BIDDER, 10_00);
                        garbage.putBytes(0, encoder.buffer(), 0, encoder.length());
                        length = 2_100 + random.nextInt(1_900);
                        break;
                    default: // a foreign schema's valid-looking frame
                        encoder.maxBid(1, 2, 1, BIDDER, 10_00);
                        garbage.putBytes(0, encoder.buffer(), 0, encoder.length());
                        garbage.putShort(4, (short)(MessageHeaderEncoder.SCHEMA_ID + 1), ByteOrder.LITTLE_ENDIAN);
                        length = encoder.length();
                        break;
                }
                assertTrue(bidder.sendRaw(garbage, 0, length));
                bad++;
            }
            final int sentBad = bad;
            assertTrue(bidder.pollUntil(() -> harness.engine.counters().malformed.get() - malformedBefore == sentBad,
                Duration.ofSeconds(30)), "malformed " + (harness.engine.counters().malformed.get() -
                malformedBefore) + " of " + sentBad);
            for (int i = 0; i < validIds.size(); i++)
            {
                final Response response = bidder.await(validIds.get(i), Duration.ofSeconds(10));
                assertNotNull(response, "no answer to valid bid " + validIds.get(i));
                assertEquals(expected.get(i), response.accepted() ? "ACCEPTED" : response.reason().name(),
                    "valid bid " + i);
            }
            // Still serving.
            final Response after = admin.await(admin.requestAuctionStatus(2), Duration.ofSeconds(10));
            assertNotNull(after);
            assertTrue(after.accepted());
        }
    }

    private static String outcome(final EventBuffer events)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final CommandRejectedDecoder rejected = new CommandRejectedDecoder();
        final String[] result = {null};
        events.forEach((buffer, offset, length) ->
        {
            header.wrap(buffer, offset);
            if (header.templateId() == CommandAcceptedDecoder.TEMPLATE_ID)
            {
                result[0] = "ACCEPTED";
            }
            else if (header.templateId() == CommandRejectedDecoder.TEMPLATE_ID)
            {
                result[0] = rejected.wrapAndApplyHeader(buffer, offset, header).reason().name();
            }
        });
        return result[0];
    }

    @Test
    void aSessionOverItsRateIsRateLimited()
    {
        final EngineConfig config = EngineConfig.defaults().set("gavel.session.rate.limit", "10")
            .set("gavel.session.rate.burst", "5");
        try (EngineHarness harness = new EngineHarness(dir, config);
            GavelClient admin = harness.client(1, Role.ADMIN, new GavelListener() {}))
        {
            final List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 40; i++)
            {
                ids.add(admin.requestAuctionStatus(1));
            }
            int limited = 0;
            for (final long id : ids)
            {
                final Response response = admin.await(id, Duration.ofSeconds(10));
                assertNotNull(response);
                if (response.reason() == RejectReason.RATE_LIMITED)
                {
                    limited++;
                }
            }
            assertTrue(limited >= 30, "rate limited: " + limited);
            assertEquals(limited, harness.engine.counters().rejectedCount(RejectReason.RATE_LIMITED));
        }
    }
}
