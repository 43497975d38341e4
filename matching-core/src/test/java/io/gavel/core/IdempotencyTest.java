package io.gavel.core;

import io.gavel.protocol.CommandEncoder;
import io.gavel.sbe.*;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * RULES.md R6: a repeated (principal, correlation id) returns the original outcome and changes nothing; the same id
 * on a different command is DUPLICATE; ids are per principal; each principal's window forgets its own oldest.
 */
class IdempotencyTest
{
    private final CommandEncoder encoder = new CommandEncoder();
    private final EventBuffer out = new EventBuffer();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final CommandAcceptedDecoder accepted = new CommandAcceptedDecoder();
    private final CommandRejectedDecoder rejected = new CommandRejectedDecoder();
    private MatchingCore core;
    private long sequence;

    @BeforeEach
    void setUp()
    {
        core = new MatchingCore(4);
        encoder.createAuction(1, 1, Format.TIMED, "USD", 0, TiePolicy.EARLIEST_WINS, RetractionPolicy.NULL_VAL,
            false, 0, 0, 0, 0, new long[0], new long[0], 0);
        apply(99, Role.ADMIN);
        encoder.addLot(2, 1, 1, 10_00, 0, 0, 1_000_000_000_000L);
        apply(99, Role.ADMIN);
        for (int bidder = 1; bidder <= 2; bidder++)
        {
            encoder.registerBidder(10 + bidder, 1, bidder, bidder, 0);
            apply(99, Role.ADMIN);
            encoder.approveBidder(20 + bidder, 1, bidder);
            apply(99, Role.ADMIN);
        }
    }

    @Test
    void repeatAnswersTheOriginalOutcomeAndChangesNothing()
    {
        encoder.maxBid(500, 1, 1, 1, 50_00);
        assertEquals("accepted seq=" + (sequence + 1) + " duplicate=false events=2", apply(1, Role.BIDDER));
        final long hash = core.stateHash();
        final long originalSequence = sequence;
        encoder.maxBid(500, 1, 1, 1, 50_00);
        assertEquals("accepted seq=" + originalSequence + " duplicate=true events=1", apply(1, Role.BIDDER));
        assertEquals(hash, core.stateHash(), "a repeat changed state");
    }

    @Test
    void repeatOfARejectionRepeatsItsReason()
    {
        encoder.maxBid(501, 1, 1, 1, 1_00);
        assertEquals("rejected BELOW_MINIMUM duplicate=false", apply(1, Role.BIDDER));
        encoder.maxBid(501, 1, 1, 1, 1_00);
        assertEquals("rejected BELOW_MINIMUM duplicate=true", apply(1, Role.BIDDER));
    }

    @Test
    void sameIdOnADifferentCommandIsDuplicate()
    {
        encoder.maxBid(502, 1, 1, 1, 50_00);
        apply(1, Role.BIDDER);
        final long hash = core.stateHash();
        encoder.maxBid(502, 1, 1, 1, 60_00);
        assertEquals("rejected DUPLICATE duplicate=true", apply(1, Role.BIDDER));
        assertEquals(hash, core.stateHash());
    }

    @Test
    void correlationIdsArePerPrincipal()
    {
        encoder.maxBid(503, 1, 1, 1, 50_00);
        apply(1, Role.BIDDER);
        encoder.maxBid(503, 1, 1, 2, 60_00);
        assertEquals("accepted seq=" + (sequence + 1) + " duplicate=false events=3", apply(2, Role.BIDDER));
    }

    @Test
    void theWindowForgetsTheOldest()
    {
        encoder.maxBid(600, 1, 1, 1, 50_00);
        apply(1, Role.BIDDER);
        for (int i = 1; i <= 4; i++)
        {
            encoder.tick(700 + i);
            apply(1, Role.ADMIN);
        }
        // The window holds 4 commands of principal 1; its id 600 has been forgotten, so this is a new command.
        encoder.maxBid(600, 1, 1, 1, 50_00);
        assertEquals("rejected CANNOT_LOWER_MAX duplicate=false", apply(1, Role.BIDDER));
    }

    @Test
    void anotherPrincipalsCommandsDoNotPushARetryOutOfTheWindow()
    {
        encoder.maxBid(601, 1, 1, 1, 50_00);
        apply(1, Role.BIDDER);
        final long original = sequence;
        for (int i = 1; i <= 10; i++)
        {
            encoder.tick(800 + i);
            apply(2, Role.ADMIN);
        }
        // Principal 2 sent 10 commands through a window of 4 per principal; principal 1's command is still there.
        encoder.maxBid(601, 1, 1, 1, 50_00);
        assertEquals("accepted seq=" + original + " duplicate=true events=1", apply(1, Role.BIDDER));
    }

    @Test
    void aBidderCannotBidAsAnotherBidder()
    {
        encoder.maxBid(504, 1, 1, 2, 50_00);
        assertEquals("rejected NOT_AUTHORIZED duplicate=false", apply(1, Role.BIDDER));
        encoder.tick(505);
        assertEquals("rejected NOT_AUTHORIZED duplicate=false", apply(1, Role.BIDDER));
        encoder.createAuction(506, 9, Format.LIVE, "USD", 0, TiePolicy.EARLIEST_WINS, RetractionPolicy.NULL_VAL,
            false, 0, 0, 0, 0, new long[0], new long[0], 0);
        assertEquals("rejected NOT_AUTHORIZED duplicate=false", apply(3, Role.CLERK));
    }

    private String apply(final long principal, final Role role)
    {
        final int events = core.apply(++sequence, sequence * 1_000, principal, role, encoder.buffer(), 0,
            encoder.length(), out);
        final String[] last = new String[1];
        out.forEach((buffer, offset, length) ->
        {
            header.wrap(buffer, offset);
            if (header.templateId() == CommandAcceptedDecoder.TEMPLATE_ID)
            {
                accepted.wrapAndApplyHeader(buffer, offset, header);
                last[0] = "accepted seq=" + accepted.engineSequence() + " duplicate=" +
                    (accepted.duplicate() == BooleanType.TRUE) + " events=" + events;
            }
            else if (header.templateId() == CommandRejectedDecoder.TEMPLATE_ID)
            {
                rejected.wrapAndApplyHeader(buffer, offset, header);
                last[0] = "rejected " + rejected.reason() + " duplicate=" + (rejected.duplicate() == BooleanType.TRUE);
            }
        });
        return last[0];
    }
}
