package io.gavel.reputation;

import java.util.ArrayList;
import java.util.List;

/**
 * What the house does about a reputation, as configured: a bidder with at least {@code suspendDefaults} payment
 * defaults is suspended (reason DEFAULTS); one whose shill score exceeds {@code reviewShill} is held for review
 * (suspended with reason SHILL_REVIEW) until a person approves them again. Only auctions the bidder is still active in
 * are named, so applying the policy twice asks for nothing new. A person who approves a suspended bidder again has
 * decided on the facts of that moment: in that auction the policy acts again only once they worsen (a new default
 * for DEFAULTS, new accepted bids for SHILL_REVIEW, whose score they change).
 */
public record ReputationPolicy(int suspendDefaults, double reviewShill)
{
    private static final String REINSTATED = ", worse since a person last approved the bidder again here";

    /** One command the policy asks for. */
    public record Action(long auctionId, long bidderId, String reason, String why, int reinstatements)
    {
        /** An action in an auction where the bidder was never reinstated. */
        public Action(final long auctionId, final long bidderId, final String reason, final String why)
        {
            this(auctionId, bidderId, reason, why, 0);
        }

        /**
         * A correlation id derived from what the action is (auction, bidder, reason, and how many times a person
         * reinstated the bidder there: a suspension after a reinstatement is a new command), so a resend is a
         * duplicate at the engine. Every bit of both ids counts: two bidders of one auction never share an id
         * unless 62 bits of a mix collide (an id built from a few low bits of each made bidders 5 and 4,194,309
         * the same action, and the second's suspension a "duplicate" that suspended nobody). The top bits
         * {@code 01} keep it apart from the ids clients draw from their clocks.
         */
        public long correlationId()
        {
            final long reasonCode = "DEFAULTS".equals(reason) ? 1 : 2;
            long h = mix(auctionId ^ 0x5E5E_0000_0000_0001L);
            h = mix(h ^ bidderId);
            h = mix(h ^ reasonCode);
            if (reinstatements != 0)
            {
                h = mix(h ^ reinstatements);
            }
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
            final BidderFacts facts = r.facts();
            final boolean defaults = suspendDefaults > 0 && facts.defaults >= suspendDefaults;
            final boolean shill = r.shillScore() > reviewShill;
            if (!defaults && !shill)
            {
                continue;
            }
            final String defaultsWhy = facts.defaults + " payment default(s), policy suspends at " + suspendDefaults;
            final String shillWhy = "shill score " + Reputation.fixed(r.shillScore()) + " above " + reviewShill;
            for (final long auction : facts.activeAuctions)
            {
                final BidderFacts.Reinstatement reinstated = facts.reinstatements.get(auction);
                if (reinstated == null)
                {
                    actions.add(defaults ? new Action(auction, r.bidderId(), "DEFAULTS", defaultsWhy) :
                        new Action(auction, r.bidderId(), "SHILL_REVIEW", shillWhy));
                }
                else if (defaults && facts.defaults > reinstated.defaults())
                {
                    actions.add(new Action(auction, r.bidderId(), "DEFAULTS", defaultsWhy + REINSTATED,
                        reinstated.count()));
                }
                else if (shill && facts.bids > reinstated.bids())
                {
                    // New accepted bids since the reinstatement are what can have changed the score.
                    actions.add(new Action(auction, r.bidderId(), "SHILL_REVIEW", shillWhy + REINSTATED,
                        reinstated.count()));
                }
            }
        }
        return actions;
    }
}
