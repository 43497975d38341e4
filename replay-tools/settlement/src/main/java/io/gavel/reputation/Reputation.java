package io.gavel.reputation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A bidder's reputation: their facts, their shill features per lot, and a score from 0 to 100 with the facts that
 * moved it and by how much. Everyone starts at 100; each payment default costs 25, each retraction 5, each sale paid
 * earns 2 (at most 10), and the shill score (the mean of the bidder's per-lot scores) costs up to 40.
 */
public final class Reputation
{
    static final int START = 100;
    static final int PER_DEFAULT = -25;
    static final int PER_RETRACTION = -5;
    static final int PER_PAID = 2;
    static final int PAID_CAP = 10;
    static final int SHILL_WEIGHT = -40;

    private final BidderFacts facts;
    private final List<ShillFeatures> features;
    private final double shillScore;
    private final int score;
    private final List<String> explanation = new ArrayList<>();

    Reputation(final BidderFacts facts, final List<ShillFeatures> features)
    {
        this.facts = facts;
        this.features = features;
        double sum = 0;
        for (final ShillFeatures lot : features)
        {
            sum += lot.score();
        }
        shillScore = features.isEmpty() ? 0 : sum / features.size();
        int total = START;
        explanation.add("start " + START);
        if (facts.defaults > 0)
        {
            total += move(facts.defaults * PER_DEFAULT, facts.defaults + " payment default(s) x " + PER_DEFAULT);
        }
        if (facts.retractions > 0)
        {
            total += move(facts.retractions * PER_RETRACTION, facts.retractions + " retraction(s) x " +
                PER_RETRACTION);
        }
        if (facts.paid > 0)
        {
            total += move(Math.min(PAID_CAP, facts.paid * PER_PAID), facts.paid + " sale(s) paid x +" + PER_PAID +
                " (at most +" + PAID_CAP + ")");
        }
        final int shill = (int)Math.round(shillScore * SHILL_WEIGHT);
        if (shill != 0)
        {
            total += move(shill, "shill score " + fixed(shillScore) + " x " + SHILL_WEIGHT);
        }
        score = Math.max(0, Math.min(100, total));
    }

    private int move(final int delta, final String why)
    {
        explanation.add((delta > 0 ? "+" : "") + delta + "  " + why);
        return delta;
    }

    public long bidderId()
    {
        return facts.bidderId;
    }

    public int score()
    {
        return score;
    }

    public double shillScore()
    {
        return shillScore;
    }

    public BidderFacts facts()
    {
        return facts;
    }

    public List<ShillFeatures> features()
    {
        return features;
    }

    public List<String> explanation()
    {
        return explanation;
    }

    /** Four decimals, locale-independent: the text is part of what must be byte-for-byte recomputable. */
    static String fixed(final double value)
    {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
