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
         * A correlation id derived from what the action is (auction, bidder, reason), so a resend is a duplicate at
         * the engine. Every bit of both ids counts: two bidders of one auction never share an id unless 62 bits of
         * a mix collide (an id built from a few low bits of each made bidders 5 and 4,194,309 the same action, and
         * the second's suspension a "duplicate" that suspended nobody). The top bits {@code 01} keep it apart from
         * the ids clients draw from their clocks.
         */
        public long correlationId()
        {
            final long reasonCode = "DEFAULTS".equals(reason) ? 1 : 2;
            long h = mix(auctionId ^ 0x5E5E_0000_0000_0001L);
            h = mix(h ^ bidderId);
            h = mix(h ^ reasonCode);
            return 0x4000_0000_0000_0000L | (h & 0x3FFF_FFFF_FFFF_FFFFL);
        }

        /** SplitMix64's finaliser: every input bit moves about half the output bits. */
        private static long mix(final long value)
        {
            long z = value + 0x9E37_79B9_7F4A_7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
            return z ^ (z >>> 31);
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
