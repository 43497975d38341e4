package io.gavel.gateway;

import io.gavel.client.AuctionSettings;
import io.gavel.client.GavelClient;
import io.gavel.client.GavelListener;
import io.gavel.client.Response;
import io.gavel.core.CommandEncoder;
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
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A frame of a foreign schema, a truncated frame, an unknown template and a frame from a newer version are each
 * rejected with a reason and counted; the engine goes on to accept the next valid bid.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MalformedFrameTest
{
    static final long AUCTION = 3;
    static final long LOT = 1;
    static final long BIDDER = 77;

    @TempDir
    Path dir;

    @Test
    void badFramesAreRejectedAndCountedThenValidBidAccepted()
    {
        try (EngineHarness harness = new EngineHarness(dir);
            GavelClient admin = harness.client(1, Role.ADMIN, new GavelListener() {});
            GavelClient bidder = harness.client(BIDDER, Role.BIDDER, new GavelListener() {}))
        {
            final long end = System.currentTimeMillis() * 1_000_000L + TimeUnit.MINUTES.toNanos(10);
            EndToEndTest.assertAccepted(admin, admin.createAuction(AUCTION, AuctionSettings.timed()));
            EndToEndTest.assertAccepted(admin, admin.addLot(AUCTION, LOT, 5_00, 0, 0, end));
            EndToEndTest.assertAccepted(admin, admin.registerBidder(AUCTION, BIDDER, 7, 0));
            EndToEndTest.assertAccepted(admin, admin.approveBidder(AUCTION, BIDDER));
            final long malformedBefore = harness.engine.counters().malformed.get();

            final CommandEncoder encoder = new CommandEncoder();
            final UnsafeBuffer frame = new UnsafeBuffer(new byte[256]);

            // 1. Foreign schema id.
            encoder.maxBid(1001, AUCTION, LOT, BIDDER, 20_00);
            frame.putBytes(0, encoder.buffer(), 0, encoder.length());
            frame.putShort(4, (short)4242, ByteOrder.LITTLE_ENDIAN);
            assertTrue(bidder.sendRaw(frame, 0, encoder.length()));
            assertRejected(bidder, 1001, RejectReason.MALFORMED);

            // 2. Truncated: the header promises a block the frame does not carry.
            encoder.maxBid(1002, AUCTION, LOT, BIDDER, 20_00);
            frame.putBytes(0, encoder.buffer(), 0, encoder.length());
            assertTrue(bidder.sendRaw(frame, 0, MessageHeaderEncoder.ENCODED_LENGTH + 12));
            assertRejected(bidder, 1002, RejectReason.MALFORMED);

            // 3. Unknown template id.
            encoder.maxBid(1003, AUCTION, LOT, BIDDER, 20_00);
            frame.putBytes(0, encoder.buffer(), 0, encoder.length());
            frame.putShort(2, (short)999, ByteOrder.LITTLE_ENDIAN);
            assertTrue(bidder.sendRaw(frame, 0, encoder.length()));
            assertRejected(bidder, 1003, RejectReason.MALFORMED);

            // 4. A newer schema version than the engine speaks.
            encoder.maxBid(1004, AUCTION, LOT, BIDDER, 20_00);
            frame.putBytes(0, encoder.buffer(), 0, encoder.length());
            frame.putShort(6, (short)(MessageHeaderEncoder.SCHEMA_VERSION + 1), ByteOrder.LITTLE_ENDIAN);
            assertTrue(bidder.sendRaw(frame, 0, encoder.length()));
            assertRejected(bidder, 1004, RejectReason.UNSUPPORTED_VERSION);

            // 5. Shorter than a header.
            assertTrue(bidder.sendRaw(frame, 0, 5));

            assertTrue(bidder.pollUntil(() -> harness.engine.counters().malformed.get() - malformedBefore == 5,
                Duration.ofSeconds(10)), "malformed counter: " + harness.engine.counters().malformed.get());

            final Response valid = bidder.await(bidder.maxBid(AUCTION, LOT, BIDDER, 20_00), Duration.ofSeconds(10));
            assertNotNull(valid);
            assertTrue(valid.accepted(), valid.toString());
        }
    }

    private static void assertRejected(final GavelClient client, final long correlationId, final RejectReason reason)
    {
        final Response response = client.await(correlationId, Duration.ofSeconds(10));
        assertNotNull(response, "no answer to bad frame " + correlationId);
        assertFalse(response.accepted());
        assertEquals(reason, response.reason());
    }
}
