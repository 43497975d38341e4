package io.gavel.reputation;

import java.util.ArrayList;
import java.util.List;

/**
 * What the journal says about one bidder, counted over every auction: registrations, accepted bids, wins, payments
 * reported paid, payments reported failed (each a default and a strike, RULES.md R7), retractions and suspensions
 * (with their reasons).
 */
public final class BidderFacts
{
    final long bidderId;
    int registrations;
    int bids;
    int wins;
    int paid;
    int defaults;
    int retractions;
    final List<String> suspensions = new ArrayList<>();
    /** Auctions the bidder is registered in, and not suspended from, in id order. */
    final java.util.TreeSet<Long> activeAuctions = new java.util.TreeSet<>();
    /** Auctions the bidder is suspended from now, in id order. */
    final java.util.TreeSet<Long> suspendedAuctions = new java.util.TreeSet<>();
    /** By auction: the last time a person approved the bidder there while suspended (a reinstatement). */
    final java.util.TreeMap<Long, Reinstatement> reinstatements = new java.util.TreeMap<>();

    /**
     * A person approved a suspended bidder again: the facts they decided on, and how many times it has happened in
     * that auction. The policy does not overrule the decision until the facts worsen.
     */
    record Reinstatement(int defaults, int bids, int count)
    {
    }

    BidderFacts(final long bidderId)
    {
        this.bidderId = bidderId;
    }

    public long bidderId()
    {
        return bidderId;
    }

    public int defaults()
    {
        return defaults;
    }

    public int retractions()
    {
        return retractions;
    }

    public int wins()
    {
        return wins;
    }

    public int paid()
    {
        return paid;
    }

    public int bids()
    {
        return bids;
    }

    public int registrations()
    {
        return registrations;
    }
}
