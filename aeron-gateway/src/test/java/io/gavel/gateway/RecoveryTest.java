package io.gavel.gateway;

import io.gavel.client.AuctionSettings;
import io.gavel.client.GavelClient;
import io.gavel.client.GavelListener;
import io.gavel.client.Response;
import io.gavel.protocol.CommandEncoder;
import io.gavel.journal.JournalLayout;
import io.gavel.journal.JournalWriter;
import io.gavel.replay.journal.JournalVerifier;
import io.gavel.sbe.RecordKind;
import io.gavel.sbe.RejectReason;
import io.gavel.sbe.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Restart on an existing journal: state is rebuilt (from the latest snapshot plus the journal after it), the sequence
 * continues, and a command whose events were never journaled gets them on restart.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RecoveryTest
{
    @TempDir
    Path dir;

    @Test
    void restartFromSnapshotAndTailContinuesTheSequenceWithTheSameState()
    {
        final long hashAtStop;
        final long lastSequence;
        final EngineConfig config = EngineConfig.defaults().set("gavel.snapshot.every", "10");
        try (EngineHarness harness = new EngineHarness(dir, config);
            GavelClient admin = harness.client(1, Role.ADMIN, new GavelListener() {}))
        {
            final long end = System.currentTimeMillis() * 1_000_000L + TimeUnit.HOURS.toNanos(1);
            EndToEndTest.assertAccepted(admin, admin.createAuction(1, AuctionSettings.timed()));
            for (int lot = 1; lot <= 5; lot++)
            {
                EndToEndTest.assertAccepted(admin, admin.addLot(1, lot, 10_00, 0, 0, end));
            }
            EndToEndTest.assertAccepted(admin, admin.registerBidder(1, 7, 7, 0));
            EndToEndTest.assertAccepted(admin, admin.approveBidder(1, 7));
            for (int i = 0; i < 25; i++)
            {
                EndToEndTest.assertAccepted(admin, admin.maxBid(1, 1 + i % 5, 7, 20_00 + i * 100));
            }
            harness.engine.close();
            hashAtStop = harness.engine.stateHashAtStop();
            lastSequence = harness.engine.lastSequence();
        }
        assertTrue(Files.exists(dir.resolve("journal").resolve("snapshots")
            .resolve(String.format("snapshot-%020d.sbe", 30))), "a snapshot every 10 commands");

        try (EngineHarness restarted = new EngineHarness(dir, EngineConfig.defaults());
            GavelClient admin = restarted.client(1, Role.ADMIN, new GavelListener() {}))
        {
            assertTrue(restarted.engine.recovery().contains("snapshot at 30 + " + (lastSequence - 30) +
                " commands replayed"), restarted.engine.recovery());
            assertEquals(hashAtStop, restarted.engine.recoveredStateHash());
            final Response again = admin.await(admin.createAuction(1, AuctionSettings.live()), Duration.ofSeconds(10));
            assertEquals(RejectReason.AUCTION_EXISTS, again.reason(), "state survived the restart");
            assertEquals(lastSequence + 1, again.engineSequence(), "the sequence continues");
        }
        final JournalVerifier.Report report = JournalVerifier.verify(dir.resolve("journal"), null);
        assertTrue(report.verified(), report.failure);
    }

    @Test
    void missingEventsOfTheLastCommandAreJournaledOnRestart()
    {
        // A journal as a crash between the two writes leaves it: the last command has no events.
        final Path journal = dir.resolve("journal");
        try (JournalWriter writer = JournalWriter.open(JournalLayout.createOrOpen(journal)))
        {
            final CommandEncoder encoder = new CommandEncoder();
            encoder.createAuction(1, 9, io.gavel.sbe.Format.LIVE, "USD", 0, io.gavel.sbe.TiePolicy.EARLIEST_WINS,
                io.gavel.sbe.RetractionPolicy.NULL_VAL, false, 0, 0, 0, 0, new long[0], new long[0], 0);
            writer.append(RecordKind.COMMAND, 1, 1_000, 0, 5, 1, Role.ADMIN, encoder.buffer(), 0, encoder.length());
        }
        assertFalse(JournalVerifier.verify(journal, null).verified());

        try (EngineHarness restarted = new EngineHarness(dir);
            GavelClient admin = restarted.client(1, Role.ADMIN, new GavelListener() {}))
        {
            assertTrue(restarted.engine.recovery().contains("journaled 2 missing events"),
                restarted.engine.recovery());
            // The engine goes on journaling on its own thread after recovery wrote on the starting one.
            final Response next = admin.await(admin.createAuction(10, AuctionSettings.live()), Duration.ofSeconds(10));
            assertNotNull(next, "the engine stopped after recovery");
            assertTrue(next.accepted(), next.toString());
            assertEquals(2, next.engineSequence());
        }
        final JournalVerifier.Report report = JournalVerifier.verify(journal, null);
        assertTrue(report.verified(), report.failure);
        assertEquals(2, report.auctions);
    }

    @Test
    void aJournaledRecordNoDecoderMayReadIsRejectedOnReplayAndTheEngineStarts()
    {
        // A journal written before the ingress validated whole frames: a CreateAuction whose format byte is 7.
        final Path journal = dir.resolve("journal");
        try (JournalWriter writer = JournalWriter.open(JournalLayout.createOrOpen(journal)))
        {
            final CommandEncoder encoder = new CommandEncoder();
            encoder.createAuction(1, 9, io.gavel.sbe.Format.LIVE, "USD", 0, io.gavel.sbe.TiePolicy.EARLIEST_WINS,
                io.gavel.sbe.RetractionPolicy.NULL_VAL, false, 0, 0, 0, 0, new long[0], new long[0], 0);
            encoder.buffer().putByte(io.gavel.sbe.MessageHeaderDecoder.ENCODED_LENGTH +
                io.gavel.sbe.CreateAuctionDecoder.formatEncodingOffset(), (byte)7);
            writer.append(RecordKind.COMMAND, 1, 1_000, 0, 5, 1, Role.BIDDER, encoder.buffer(), 0, encoder.length());
        }
        try (EngineHarness restarted = new EngineHarness(dir);
            GavelClient admin = restarted.client(1, Role.ADMIN, new GavelListener() {}))
        {
            assertTrue(restarted.engine.recovery().contains("journaled 1 missing events"),
                restarted.engine.recovery());
            final Response next = admin.await(admin.createAuction(9, AuctionSettings.live()), Duration.ofSeconds(10));
            assertNotNull(next, "the engine stopped after recovery");
            assertTrue(next.accepted(), "the MALFORMED record created nothing: " + next);
        }
        final JournalVerifier.Report report = JournalVerifier.verify(journal, null);
        assertTrue(report.verified(), report.failure);
    }
}
