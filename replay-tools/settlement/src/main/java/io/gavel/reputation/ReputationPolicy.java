package io.gavel.reputation;

import java.util.ArrayList;
import java.util.List;

/**
 * What the house does about a reputation, as configured: a bidder with at least {@code suspendDefaults} payment
 * defaults is suspended (reason DEFAULTS); one whose shill score exceeds {@code reviewShill} is held for review
 * (suspended with reason SHILL_REVIEW) until a person approves them again. Only auctions the bidder is still active in
 * are named, so applying the policy twice asks for nothing new.
 */
public record ReputationPolicy(int suspendDefaults, double reviewShill)
{
    /** One command the policy asks for. */
    public record Action(long auctionId, long bidderId, String reason, String why)
    {
        /**
         * A correlation id derived from what the action is, so a resend is a duplicate at the engine; the high bit
         * pattern keeps it apart from the ids clients draw.
         */
        public long correlationId()
        {
            final long reasonCode = "DEFAULTS".equals(reason) ? 1 : 2;
            return 0x5E00_0000_0000_0000L | (auctionId & 0xFFFF_FFFFL) << 24 | (bidderId & 0x3F_FFFFL) << 2 |
                reasonCode;
        }
    }

    /** The actions for every bidder, in bidder then auction order. */
    public List<Action> actions(final ReputationIndex index)
    {
        final List<Action> actions = new ArrayList<>();
        for (final Reputation r : index.all())
        {
            final String reason;
            final String why;
            if (suspendDefaults > 0 && r.facts().defaults >= suspendDefaults)
            {
                reason = "DEFAULTS";
                why = r.facts().defaults + " payment default(s), policy suspends at " + suspendDefaults;
            }
            else if (r.shillScore() > reviewShill)
            {
                reason = "SHILL_REVIEW";
                why = "shill score " + Reputation.fixed(r.shillScore()) + " above " + reviewShill;
            }
            else
            {
                continue;
            }
            for (final long auction : r.facts().activeAuctions)
            {
                actions.add(new Action(auction, r.bidderId(), reason, why));
            }
        }
        return actions;
    }
}
