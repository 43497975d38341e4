package io.gavel.gateway;

import io.gavel.client.AuctionSettings;
import io.gavel.client.GavelClient;
import io.gavel.client.GavelListener;
import io.gavel.client.Response;
import io.gavel.journal.JournalLayout;
import io.gavel.journal.JournalReader;
import io.gavel.sbe.BidAcceptedDecoder;
import io.gavel.sbe.MaxBidDecoder;
import io.gavel.sbe.MessageHeaderDecoder;
import io.gavel.sbe.RecordKind;
import io.gavel.sbe.RejectReason;
import io.gavel.sbe.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The walking skeleton, end to end over Aeron IPC with an embedded driver: a client's bid is acknowledged, the public
 * bid event is seen, and the journal holds both the command and the event.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EndToEndTest
{
    static final long AUCTION = 1;
    static final long LOT = 7;
    static final long ADMIN = 900;
    static final long BIDDER = 42;

    @TempDir
    Path dir;

    @Test
    void bidIsAcknowledgedPublishedAndJournaled()
    {
        final List<String> publicBids = new ArrayList<>();
        try (EngineHarness harness = new EngineHarness(dir))
        {
            try (GavelClient admin = harness.client(ADMIN, Role.ADMIN, new GavelListener() {}))
            {
                final long end = System.currentTimeMillis() * 1_000_000L + TimeUnit.MINUTES.toNanos(10);
                assertAccepted(admin, admin.createAuction(AUCTION, AuctionSettings.timed()));
                assertAccepted(admin, admin.addLot(AUCTION, LOT, 10_00, 0, 0, end));
                assertAccepted(admin, admin.registerBidder(AUCTION, BIDDER, 142, 0));
                assertAccepted(admin, admin.approveBidder(AUCTION, BIDDER));
            }
            final GavelListener listener = new GavelListener()
            {
                public void onBidAccepted(final BidAcceptedDecoder event)
                {
                    publicBids.add(event.lotId() + ":" + event.leaderId() + ":" + event.price());
                }
            };
            try (GavelClient bidder = harness.client(BIDDER, Role.BIDDER, listener))
            {
                final long correlationId = bidder.maxBid(AUCTION, LOT, BIDDER, 50_00);
                final Response response = bidder.await(correlationId, Duration.ofSeconds(10));
                assertNotNull(response, "no acknowledgement");
                assertTrue(response.accepted(), response.toString());
                assertTrue(response.engineSequence() > 0);
                assertTrue(bidder.pollUntil(() -> !publicBids.isEmpty(), Duration.ofSeconds(10)),
                    "no public bid event");
                assertEquals(List.of(LOT + ":" + BIDDER + ":" + 10_00), publicBids);
            }
        }

        // The engine is closed: its journal must hold the bid command and the event it caused.
        final List<String> records = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(JournalLayout.openExisting(dir.resolve("journal"))))
        {
            final MessageHeaderDecoder header = new MessageHeaderDecoder();
            reader.readAll((position, record, frame, offset, length, chainIntact) ->
            {
                assertTrue(chainIntact, "chain broken at " + position);
                header.wrap(frame, offset);
                records.add(record.kind() + ":" + header.templateId() + ":" + record.engineSequence());
                return true;
            });
        }
        final long bidSequence = records.stream()
            .filter(r -> r.startsWith(RecordKind.COMMAND + ":" + MaxBidDecoder.TEMPLATE_ID + ":"))
            .mapToLong(r -> Long.parseLong(r.substring(r.lastIndexOf(':') + 1))).findFirst()
            .orElseThrow(() -> new AssertionError("no MaxBid command in the journal: " + records));
        assertTrue(records.contains(RecordKind.EVENT + ":" + BidAcceptedDecoder.TEMPLATE_ID + ":" + bidSequence),
            "no BidAccepted event for the bid in the journal: " + records);
        // Write-ahead: the command record comes before its events.
        assertTrue(records.indexOf(RecordKind.COMMAND + ":" + MaxBidDecoder.TEMPLATE_ID + ":" + bidSequence) <
            records.indexOf(RecordKind.EVENT + ":" + BidAcceptedDecoder.TEMPLATE_ID + ":" + bidSequence));
    }

    @Test
    void everySessionOfABidderGetsItsPrivateNotices()
    {
        try (EngineHarness harness = new EngineHarness(dir);
            GavelClient admin = harness.client(ADMIN, Role.ADMIN, new GavelListener() {}))
        {
            final long end = System.currentTimeMillis() * 1_000_000L + TimeUnit.MINUTES.toNanos(10);
            assertAccepted(admin, admin.createAuction(AUCTION, AuctionSettings.timed()));
            assertAccepted(admin, admin.addLot(AUCTION, LOT, 10_00, 0, 0, end));
            for (final long bidder : new long[]{BIDDER, BIDDER + 1})
            {
                assertAccepted(admin, admin.registerBidder(AUCTION, bidder, bidder, 0));
                assertAccepted(admin, admin.approveBidder(AUCTION, bidder));
            }
            final int[] outbid = new int[2];
            final GavelListener phoneListener = new GavelListener()
            {
                public void onOutbid(final io.gavel.sbe.OutbidDecoder event)
                {
                    outbid[0]++;
                }
            };
            final GavelListener webListener = new GavelListener()
            {
                public void onOutbid(final io.gavel.sbe.OutbidDecoder event)
                {
                    outbid[1]++;
                }
            };
            try (GavelClient phone = harness.client(BIDDER, Role.BIDDER, phoneListener);
                GavelClient web = harness.client(BIDDER, Role.BIDDER, webListener);
                GavelClient rival = harness.client(BIDDER + 1, Role.BIDDER, new GavelListener() {}))
            {
                assertAccepted(phone, phone.maxBid(AUCTION, LOT, BIDDER, 20_00));
                assertAccepted(rival, rival.maxBid(AUCTION, LOT, BIDDER + 1, 30_00));
                assertTrue(phone.pollUntil(() -> outbid[0] == 1, Duration.ofSeconds(10)), "phone not told");
                assertTrue(web.pollUntil(() -> outbid[1] == 1, Duration.ofSeconds(10)), "web not told");
            }
        }
    }

    @Test
    void invalidTokenIsRefused()
    {
        try (EngineHarness harness = new EngineHarness(dir))
        {
            final GavelClient.Context context = new GavelClient.Context()
                .aeron(harness.aeron)
                .token(SessionToken.issue("wrong-secret", BIDDER, Role.BIDDER, System.currentTimeMillis() + 60_000))
                .timeout(Duration.ofSeconds(10));
            final Exception ex = assertThrows(io.gavel.client.GavelClientException.class,
                () -> GavelClient.connect(context));
            assertTrue(ex.getMessage().contains(RejectReason.INVALID_TOKEN.name()), ex.getMessage());
        }
    }

    static void assertAccepted(final GavelClient client, final long correlationId)
    {
        final Response response = client.await(correlationId, Duration.ofSeconds(10));
        assertNotNull(response, "no answer to " + correlationId);
        assertTrue(response.accepted(), response.toString());
    }
}
