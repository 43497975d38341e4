package io.gavel.gateway;

import io.gavel.client.AuctionSettings;
import io.gavel.client.GavelClient;
import io.gavel.client.GavelListener;
import io.gavel.sbe.ConnectDecoder;
import io.gavel.sbe.CreateAuctionDecoder;
import io.gavel.sbe.Format;
import io.gavel.sbe.MessageHeaderDecoder;
import io.gavel.sbe.RejectReason;
import io.gavel.sbe.RetractionPolicy;
import io.gavel.sbe.Role;
import io.gavel.sbe.TiePolicy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 11 as an outside client found it: Connect frames whose lengths halt or stall the engine, a re-Connect that
 * leaks the old principal's notices, a session bound before its response channel works, a response channel
 * anywhere, and a MALFORMED answer that used up its correlation id.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SessionSecurityTest
{
    private static final int CHANNEL_LENGTH_AT = MessageHeaderDecoder.ENCODED_LENGTH + ConnectDecoder.BLOCK_LENGTH;

    @TempDir
    Path dir;

    @Test
    void connectLengthsReadSignedOrHugeNeitherHaltNorGoUnanswered()
    {
        try (EngineHarness harness = new EngineHarness(dir);
            GavelClient admin = harness.client(1, Role.ADMIN, new GavelListener() {});
            RawSession stranger = new RawSession(harness.aeron, harness.config, 4001);
            RawSession member = new RawSession(harness.aeron, harness.config, 4002))
        {
            assertTrue(member.connect(10, EngineHarness.token(5, Role.BIDDER)).accepted());
            final long malformedBefore = harness.engine.counters().malformed.get();
            final int[] channelLengths = {0xFFFFFFFF, 0x80000000, 0x7FFFFFFF, 0x7FFFFFF0};
            long id = 100;
            for (final int declared : channelLengths)
            {
                for (final RawSession session : List.of(stranger, member))
                {
                    session.encoder.connect(++id, 4003, "aeron:ipc", EngineHarness.token(6, Role.BIDDER));
                    final UnsafeBuffer frame = session.frame();
                    frame.putInt(CHANNEL_LENGTH_AT, declared, ByteOrder.LITTLE_ENDIAN);
                    session.send(frame, 0, session.encoder.length());
                    if (session == member)
                    {
                        assertEquals(RejectReason.MALFORMED, member.awaitAnswer(id, Duration.ofSeconds(10)).reason(),
                            "channel length " + Integer.toHexString(declared));
                    }
                }
                // The token's length, after a well-formed channel.
                for (final RawSession session : List.of(stranger, member))
                {
                    session.encoder.connect(++id, 4003, "aeron:ipc", "abc");
                    final UnsafeBuffer frame = session.frame();
                    frame.putInt(CHANNEL_LENGTH_AT + 4 + "aeron:ipc".length(), declared, ByteOrder.LITTLE_ENDIAN);
                    session.send(frame, 0, session.encoder.length());
                    if (session == member)
                    {
                        assertEquals(RejectReason.MALFORMED, member.awaitAnswer(id, Duration.ofSeconds(10)).reason(),
                            "token length " + Integer.toHexString(declared));
                    }
                }
            }
            final long sent = 4L * channelLengths.length;
            assertTrue(admin.pollUntil(() -> harness.engine.counters().malformed.get() - malformedBefore == sent,
                Duration.ofSeconds(10)), "malformed counted " + (harness.engine.counters().malformed.get() -
                malformedBefore) + " of " + sent);
            assertNull(harness.engine.failure());
            EndToEndTest.assertAccepted(admin, admin.createAuction(1, AuctionSettings.live()));
        }
    }

    @Test
    void aReConnectMovesTheSessionToTheNewPrincipal()
    {
        try (EngineHarness harness = new EngineHarness(dir);
            GavelClient admin = harness.client(1, Role.ADMIN, new GavelListener() {});
            GavelClient rival = harness.client(7, Role.BIDDER, new GavelListener() {});
            RawSession raw = new RawSession(harness.aeron, harness.config, 4010))
        {
            final long end = System.currentTimeMillis() * 1_000_000L + TimeUnit.MINUTES.toNanos(10);
            EndToEndTest.assertAccepted(admin, admin.createAuction(2, AuctionSettings.timed()));
            EndToEndTest.assertAccepted(admin, admin.addLot(2, 1, 10_00, 0, 0, end));
            for (final long bidder : new long[]{7, 8, 9})
            {
                EndToEndTest.assertAccepted(admin, admin.registerBidder(2, bidder, bidder, 0));
                EndToEndTest.assertAccepted(admin, admin.approveBidder(2, bidder));
            }
            assertTrue(raw.connect(1, EngineHarness.token(8, Role.BIDDER)).accepted());
            raw.encoder.maxBid(2, 2, 1, 8, 20_00);
            raw.send();
            assertTrue(raw.awaitAnswer(2, Duration.ofSeconds(10)).accepted());

            assertTrue(raw.connect(3, EngineHarness.token(9, Role.BIDDER)).accepted(), "re-connect as 9");
            EndToEndTest.assertAccepted(rival, rival.maxBid(2, 1, 7, 50_00)); // outbids 8: not this session's now
            raw.encoder.maxBid(4, 2, 1, 9, 80_00);
            raw.send();
            assertTrue(raw.awaitAnswer(4, Duration.ofSeconds(10)).accepted(), "bids as 9 now");
            EndToEndTest.assertAccepted(rival, rival.maxBid(2, 1, 7, 200_00)); // outbids 9
            // Notices for 9 were emitted before this probe's answer, on the same publication.
            raw.encoder.auctionStatus(5, 2);
            raw.send();
            assertNotNull(raw.awaitAnswer(5, Duration.ofSeconds(10)));
            assertEquals(List.of(9L), raw.outbidBidders, "one copy of 9's notices and nothing of 8's");
        }
    }

    @Test
    void aReConnectAsTheSamePrincipalGetsEachNoticeOnce()
    {
        try (EngineHarness harness = new EngineHarness(dir);
            GavelClient admin = harness.client(1, Role.ADMIN, new GavelListener() {});
            GavelClient rival = harness.client(7, Role.BIDDER, new GavelListener() {});
            RawSession raw = new RawSession(harness.aeron, harness.config, 4011))
        {
            final long end = System.currentTimeMillis() * 1_000_000L + TimeUnit.MINUTES.toNanos(10);
            EndToEndTest.assertAccepted(admin, admin.createAuction(2, AuctionSettings.timed()));
            EndToEndTest.assertAccepted(admin, admin.addLot(2, 1, 10_00, 0, 0, end));
            for (final long bidder : new long[]{7, 8})
            {
                EndToEndTest.assertAccepted(admin, admin.registerBidder(2, bidder, bidder, 0));
                EndToEndTest.assertAccepted(admin, admin.approveBidder(2, bidder));
            }
            assertTrue(raw.connect(1, EngineHarness.token(8, Role.BIDDER)).accepted());
            assertTrue(raw.connect(2, EngineHarness.token(8, Role.BIDDER)).accepted(), "re-connect as 8");
            raw.encoder.maxBid(3, 2, 1, 8, 20_00);
            raw.send();
            assertTrue(raw.awaitAnswer(3, Duration.ofSeconds(10)).accepted());
            EndToEndTest.assertAccepted(rival, rival.maxBid(2, 1, 7, 50_00)); // outbids 8
            raw.encoder.auctionStatus(4, 2);
            raw.send();
            assertNotNull(raw.awaitAnswer(4, Duration.ofSeconds(10)));
            assertEquals(List.of(8L), raw.outbidBidders, "one copy of each notice");
        }
    }

    @Test
    void aFloodOfConnectsWithBadTokensStallsNobody()
    {
        try (EngineHarness harness = new EngineHarness(dir);
            RawSession stranger = new RawSession(harness.aeron, harness.config, 4012))
        {
            // No token needed to send these: each used to make the engine open (and wait on) a publication.
            for (int i = 0; i < 3_000; i++)
            {
                stranger.encoder.connect(i, 4999, "aeron:ipc", "not-a-token-" + i);
                stranger.send();
            }
            final long started = System.nanoTime();
            try (GavelClient admin = harness.client(1, Role.ADMIN, new GavelListener() {}))
            {
                EndToEndTest.assertAccepted(admin, admin.createAuction(1, AuctionSettings.live()));
            }
            final long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(millis < 5_000, "a legitimate connect waited " + millis + " ms behind the flood");
        }
    }

    @Test
    void aFloodOfValidConnectsFromOnePublicationStallsNobody()
    {
        try (EngineHarness harness = new EngineHarness(dir);
            RawSession holder = new RawSession(harness.aeron, harness.config, 4013))
        {
            // A token holder naming a response stream nobody reads, thousands of times on one publication.
            final String token = EngineHarness.token(6, Role.BIDDER);
            for (int i = 0; i < 3_000; i++)
            {
                holder.encoder.connect(i, 4999, "aeron:ipc", token);
                holder.send();
            }
            final long started = System.nanoTime();
            try (GavelClient admin = harness.client(1, Role.ADMIN, new GavelListener() {}))
            {
                EndToEndTest.assertAccepted(admin, admin.createAuction(1, AuctionSettings.live()));
            }
            final long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(millis < 5_000, "a legitimate connect waited " + millis + " ms behind the flood");
        }
    }

    @Test
    void aSessionWhoseResponseChannelNeverConnectsRunsNoCommand()
    {
        final EngineConfig config = EngineConfig.defaults().set("gavel.egress.connect.timeout.ms", "300");
        try (EngineHarness harness = new EngineHarness(dir, config);
            GavelClient admin = harness.client(1, Role.ADMIN, new GavelListener() {});
            RawSession raw = new RawSession(harness.aeron, harness.config, 4020))
        {
            final long unknownBefore = harness.engine.counters().unauthenticated.get();
            // Nobody subscribes to stream 4999: the engine's publication there never connects.
            raw.encoder.connect(1, 4999, "aeron:ipc", EngineHarness.token(2, Role.ADMIN));
            raw.send();
            raw.encoder.createAuction(2, 77, Format.LIVE, "USD", 0, TiePolicy.EARLIEST_WINS, RetractionPolicy.NULL_VAL,
                false, 0, 0, 0, 0, new long[0], new long[0], 0);
            raw.send();
            assertTrue(admin.pollUntil(() -> harness.engine.counters().unauthenticated.get() > unknownBefore,
                Duration.ofSeconds(10)), "the command of an unbound session was not refused");
            EndToEndTest.assertAccepted(admin, admin.createAuction(77, AuctionSettings.live()));
        }
    }

    @Test
    void responseChannelsOutsideTheConfiguredHostsAreRefused()
    {
        try (EngineHarness harness = new EngineHarness(dir);
            GavelClient admin = harness.client(1, Role.ADMIN, new GavelListener() {});
            RawSession raw = new RawSession(harness.aeron, harness.config, 4030))
        {
            assertTrue(raw.connect(1, EngineHarness.token(3, Role.ADMIN)).accepted());
            raw.encoder.connect(2, 4031, "aeron:udp?endpoint=10.254.1.2:40123", EngineHarness.token(4, Role.ADMIN));
            raw.send();
            assertEquals(RejectReason.RESPONSE_CHANNEL_REFUSED, raw.awaitAnswer(2, Duration.ofSeconds(10)).reason());
            // Still the session it was.
            raw.encoder.createAuction(3, 78, Format.LIVE, "USD", 0, TiePolicy.EARLIEST_WINS, RetractionPolicy.NULL_VAL,
                false, 0, 0, 0, 0, new long[0], new long[0], 0);
            raw.send();
            assertTrue(raw.awaitAnswer(3, Duration.ofSeconds(10)).accepted());

            final ResponseChannels channels = new ResponseChannels(harness.config.sessionResponseHosts());
            assertTrue(channels.allowed("aeron:ipc"));
            assertTrue(channels.allowed("aeron:udp?endpoint=127.0.0.1:40000"));
            assertTrue(channels.allowed("aeron:udp?endpoint=localhost:40000"));
            assertFalse(channels.allowed("aeron:udp?endpoint=192.168.1.1:40000"));
            assertFalse(channels.allowed("aeron:udp?endpoint=127.0.0.1:40000|control=10.0.0.1:1"));
            assertFalse(channels.allowed("aeron:udp?control-mode=manual"));
            assertFalse(channels.allowed("not a channel"));
            assertFalse(new ResponseChannels("127.0.0.1").allowed("aeron:ipc"));
        }
    }

    @Test
    void aMalformedCommandDoesNotUseUpItsCorrelationId()
    {
        try (EngineHarness harness = new EngineHarness(dir);
            RawSession raw = new RawSession(harness.aeron, harness.config, 4040))
        {
            assertTrue(raw.connect(1, EngineHarness.token(3, Role.ADMIN)).accepted());
            raw.encoder.createAuction(2, 79, Format.LIVE, "USD", 0, TiePolicy.EARLIEST_WINS, RetractionPolicy.NULL_VAL,
                false, 0, 0, 0, 0, new long[0], new long[0], 0);
            final UnsafeBuffer frame = raw.frame();
            frame.putByte(MessageHeaderDecoder.ENCODED_LENGTH + CreateAuctionDecoder.formatEncodingOffset(), (byte)7);
            raw.send(frame, 0, raw.encoder.length());
            assertEquals(RejectReason.MALFORMED, raw.awaitAnswer(2, Duration.ofSeconds(10)).reason());
            raw.answers.clear();
            raw.send();
            assertTrue(raw.awaitAnswer(2, Duration.ofSeconds(10)).accepted(), "the corrected retry is evaluated");
            assertNull(harness.engine.failure());
        }
    }
}
