package io.gavel.core;

import io.gavel.protocol.CommandEncoder;
import io.gavel.sbe.BooleanType;
import io.gavel.sbe.CommandAcceptedDecoder;
import io.gavel.sbe.CommandRejectedDecoder;
import io.gavel.sbe.Format;
import io.gavel.sbe.MessageHeaderDecoder;
import io.gavel.sbe.RetractionPolicy;
import io.gavel.sbe.Role;
import io.gavel.sbe.TiePolicy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A CLERK runs only the auctions it is assigned to (ARCHITECTURE.md §6, issue 11): AssignClerk through the core, its
 * authorization, its effect on lot control and floor bids, and its place in the snapshot and the state hash.
 */
class ClerkAssignmentTest
{
    static final long CLERK = 901;
    static final long OTHER_CLERK = 902;
    private final CommandEncoder encoder = new CommandEncoder();
    private final EventBuffer out = new EventBuffer();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final CommandAcceptedDecoder accepted = new CommandAcceptedDecoder();
    private final CommandRejectedDecoder rejected = new CommandRejectedDecoder();
    private MatchingCore core = new MatchingCore(64);
    private long sequence;
    private long correlation = 1_000;

    @BeforeEach
    void setUp()
    {
        for (long auction = 1; auction <= 2; auction++)
        {
            encoder.createAuction(++correlation, auction, Format.LIVE, "USD", 0, TiePolicy.EARLIEST_WINS,
                RetractionPolicy.NULL_VAL, false, 0, 0, -1, -1, new long[0], new long[0], 0);
            assertEquals("accepted", apply(1, Role.ADMIN));
            encoder.addLot(++correlation, auction, 1, 10_00, 0, 0, 0);
            assertEquals("accepted", apply(1, Role.ADMIN));
            encoder.registerBidder(++correlation, auction, 7, 70, 0);
            assertEquals("accepted", apply(1, Role.ADMIN));
            encoder.approveBidder(++correlation, auction, 7);
            assertEquals("accepted", apply(1, Role.ADMIN));
        }
    }

    @Test
    void aClerkRunsOnlyTheAuctionsItIsAssignedTo()
    {
        encoder.lotCommand(io.gavel.sbe.OpenLotDecoder.TEMPLATE_ID, ++correlation, 1, 1);
        assertEquals("rejected NOT_AUTHORIZED", apply(CLERK, Role.CLERK), "not assigned yet");
        encoder.assignClerk(++correlation, 1, CLERK, true);
        assertEquals("accepted", apply(900, Role.AUCTIONEER));
        encoder.lotCommand(io.gavel.sbe.OpenLotDecoder.TEMPLATE_ID, ++correlation, 1, 1);
        assertEquals("accepted", apply(CLERK, Role.CLERK));
        encoder.lotCommand(io.gavel.sbe.OpenLotDecoder.TEMPLATE_ID, ++correlation, 1, 1);
        assertEquals("rejected NOT_AUTHORIZED", apply(OTHER_CLERK, Role.CLERK), "another clerk");
        encoder.lotCommand(io.gavel.sbe.OpenLotDecoder.TEMPLATE_ID, ++correlation, 2, 1);
        assertEquals("rejected NOT_AUTHORIZED", apply(CLERK, Role.CLERK), "another auction");
        encoder.lotCommand(io.gavel.sbe.OpenLotDecoder.TEMPLATE_ID, ++correlation, 99, 1);
        assertEquals("rejected NOT_AUTHORIZED", apply(CLERK, Role.CLERK), "an unknown auction is not assigned");

        encoder.floorBid(++correlation, 1, 1, 70, 10_00, 0);
        assertEquals("accepted", apply(CLERK, Role.CLERK));
        encoder.floorBid(++correlation, 2, 1, 70, 10_00, 0);
        assertEquals("rejected NOT_AUTHORIZED", apply(CLERK, Role.CLERK));
        encoder.setIncrement(++correlation, 1, 1, 1_00);
        assertEquals("accepted", apply(CLERK, Role.CLERK));
        encoder.jumpAsk(++correlation, 1, 1, 20_00);
        assertEquals("accepted", apply(CLERK, Role.CLERK));
        encoder.lotCommand(io.gavel.sbe.FairWarningDecoder.TEMPLATE_ID, ++correlation, 1, 1);
        assertEquals("accepted", apply(CLERK, Role.CLERK));
        encoder.lotCommand(io.gavel.sbe.HammerDecoder.TEMPLATE_ID, ++correlation, 1, 1);
        assertEquals("accepted", apply(CLERK, Role.CLERK));
        encoder.lotCommand(io.gavel.sbe.ReopenDecoder.TEMPLATE_ID, ++correlation, 1, 1);
        assertEquals("accepted", apply(CLERK, Role.CLERK));

        encoder.assignClerk(++correlation, 1, CLERK, false);
        assertEquals("accepted", apply(1, Role.ADMIN));
        encoder.lotCommand(io.gavel.sbe.HammerDecoder.TEMPLATE_ID, ++correlation, 1, 1);
        assertEquals("rejected NOT_AUTHORIZED", apply(CLERK, Role.CLERK), "unassigned again");
        encoder.lotCommand(io.gavel.sbe.HammerDecoder.TEMPLATE_ID, ++correlation, 1, 1);
        assertEquals("accepted", apply(900, Role.AUCTIONEER), "auctioneers run every auction");
    }

    @Test
    void onlyAdminsAndAuctioneersAssign()
    {
        for (final Role role : new Role[]{Role.CLERK, Role.BIDDER, Role.SETTLEMENT, Role.ENGINE})
        {
            encoder.assignClerk(++correlation, 1, CLERK, true);
            assertEquals("rejected NOT_AUTHORIZED", apply(CLERK, role), role.name());
        }
        encoder.assignClerk(++correlation, 99, CLERK, true);
        assertEquals("rejected UNKNOWN_AUCTION", apply(1, Role.ADMIN));
        encoder.assignClerk(++correlation, 1, 0, true);
        assertEquals("rejected INVALID_SETTINGS", apply(1, Role.ADMIN));
        encoder.assignClerk(++correlation, 1, CLERK, true);
        assertEquals("accepted", apply(1, Role.ADMIN));
        encoder.assignClerk(++correlation, 1, CLERK, true);
        assertEquals("accepted", apply(1, Role.ADMIN), "assigning twice changes nothing");
        encoder.assignClerk(++correlation, 1, CLERK, true);
        encoder.buffer().putByte(encoder.length() - 1, (byte)7);
        assertEquals("rejected MALFORMED", apply(1, Role.ADMIN), "an assign byte that is neither TRUE nor FALSE");
    }

    @Test
    void assignmentsAreHashedAndSurviveASnapshot()
    {
        final long before = core.stateHash();
        encoder.assignClerk(++correlation, 1, OTHER_CLERK, true);
        assertEquals("accepted", apply(1, Role.ADMIN));
        encoder.assignClerk(++correlation, 1, CLERK, true);
        assertEquals("accepted", apply(1, Role.ADMIN));
        assertNotEquals(before, core.stateHash(), "an assignment is state");

        final byte[] snapshot = CoreSnapshotTest.snapshotOf(core, sequence);
        final MatchingCore restored = new CoreSnapshot().read(new UnsafeBuffer(snapshot), snapshot.length).core();
        assertEquals(core.stateHash(), restored.stateHash());
        core = restored;
        encoder.lotCommand(io.gavel.sbe.OpenLotDecoder.TEMPLATE_ID, ++correlation, 1, 1);
        assertEquals("accepted", apply(CLERK, Role.CLERK), "still assigned after the snapshot");
        encoder.lotCommand(io.gavel.sbe.OpenLotDecoder.TEMPLATE_ID, ++correlation, 2, 1);
        assertEquals("rejected NOT_AUTHORIZED", apply(CLERK, Role.CLERK));
        encoder.lotCommand(io.gavel.sbe.FairWarningDecoder.TEMPLATE_ID, ++correlation, 1, 1);
        assertEquals("accepted", apply(OTHER_CLERK, Role.CLERK), "the clerk assigned first is still assigned");
    }

    @Test
    void defaultersSurviveASnapshot()
    {
        // R7 across a snapshot: bidders who defaulted on a lot stay out of its pass-down after a restore.
        encoder.lotCommand(io.gavel.sbe.OpenLotDecoder.TEMPLATE_ID, ++correlation, 1, 1);
        assertEquals("accepted", apply(1, Role.ADMIN));
        for (long bidder = 8; bidder <= 9; bidder++)
        {
            encoder.registerBidder(++correlation, 1, bidder, 10 * bidder, 0);
            assertEquals("accepted", apply(1, Role.ADMIN));
            encoder.approveBidder(++correlation, 1, bidder);
            assertEquals("accepted", apply(1, Role.ADMIN));
        }
        long ask = 10_00;
        for (final long bidder : new long[]{7, 8, 9})
        {
            encoder.liveBid(++correlation, 1, 1, bidder, ask, 0);
            assertEquals("accepted", apply(1, Role.ADMIN));
            ask = core.rules().auction(1).lot(1).ask();
        }
        encoder.lotCommand(io.gavel.sbe.HammerDecoder.TEMPLATE_ID, ++correlation, 1, 1);
        assertEquals("accepted", apply(1, Role.ADMIN));
        encoder.settlementResult(++correlation, 1, 1, io.gavel.sbe.PaymentResult.FAILED);
        assertEquals("accepted", apply(1, Role.SETTLEMENT));
        assertEquals(8, core.rules().auction(1).lot(1).winnerId(), "the under-bidder");

        final byte[] snapshot = CoreSnapshotTest.snapshotOf(core, sequence);
        core = new CoreSnapshot().read(new UnsafeBuffer(snapshot), snapshot.length).core();
        encoder.settlementResult(++correlation, 1, 1, io.gavel.sbe.PaymentResult.FAILED);
        assertEquals("accepted", apply(1, Role.SETTLEMENT));
        assertEquals(7, core.rules().auction(1).lot(1).winnerId(), "9 defaulted before the snapshot, 8 after it");
        encoder.settlementResult(++correlation, 1, 1, io.gavel.sbe.PaymentResult.FAILED);
        assertEquals("accepted", apply(1, Role.SETTLEMENT));
        assertEquals(io.gavel.sbe.LotState.PASSED, core.rules().auction(1).lot(1).state(), "no one left");
    }

    private String apply(final long principal, final Role role)
    {
        core.apply(++sequence, sequence * 1_000, principal, role, encoder.buffer(), 0, encoder.length(), out);
        final String[] last = new String[1];
        out.forEach((buffer, offset, length) ->
        {
            header.wrap(buffer, offset);
            if (header.templateId() == CommandAcceptedDecoder.TEMPLATE_ID)
            {
                accepted.wrapAndApplyHeader(buffer, offset, header);
                last[0] = "accepted" + (accepted.duplicate() == BooleanType.TRUE ? " duplicate" : "");
            }
            else if (header.templateId() == CommandRejectedDecoder.TEMPLATE_ID)
            {
                rejected.wrapAndApplyHeader(buffer, offset, header);
                last[0] = "rejected " + rejected.reason();
            }
        });
        return last[0];
    }
}
