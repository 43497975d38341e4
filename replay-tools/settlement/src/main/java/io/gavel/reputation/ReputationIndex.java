package io.gavel.reputation;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every bidder's {@link Reputation}, computed from the journal alone, with the reports {@code gavel reputation}
 * prints (text or JSON) and the rankings by signal.
 */
public final class ReputationIndex
{
    /** What a ranking orders by, worst first. */
    public enum Signal
    {
        shill, defaults, retraction
    }

    private final Map<Long, Reputation> reputations = new TreeMap<>();

    private ReputationIndex(final ReputationProjection projection)
    {
        for (final BidderFacts facts : projection.bidders.values())
        {
            reputations.put(facts.bidderId, new Reputation(facts,
                ShillFeatures.of(facts.bidderId, projection.lots)));
        }
    }

    public static ReputationIndex of(final Path journalDir)
    {
        return new ReputationIndex(ReputationProjection.of(journalDir));
    }

    /** Null when the journal never mentions the bidder. */
    public Reputation bidder(final long bidderId)
    {
        return reputations.get(bidderId);
    }

    /** Every bidder, in id order. */
    public List<Reputation> all()
    {
        return new ArrayList<>(reputations.values());
    }

    /** The {@code n} worst on a signal; ties by the lower score, then the lower bidder id. */
    public List<Reputation> top(final int n, final Signal signal)
    {
        final Comparator<Reputation> bySignal = switch (signal)
        {
            case shill -> Comparator.comparingDouble(Reputation::shillScore).reversed();
            case defaults -> Comparator.comparingInt((Reputation r) -> r.facts().defaults).reversed();
            case retraction -> Comparator.comparingInt((Reputation r) -> r.facts().retractions).reversed();
        };
        final List<Reputation> sorted = all();
        sorted.sort(bySignal.thenComparingInt(Reputation::score).thenComparingLong(Reputation::bidderId));
        return sorted.subList(0, Math.min(n, sorted.size()));
    }

    /** A bidder's whole reputation as text. */
    public static void printText(final Reputation r, final PrintStream out)
    {
        final BidderFacts f = r.facts();
        out.printf("bidder %d  score %d  shill %s%n", r.bidderId(), r.score(), Reputation.fixed(r.shillScore()));
        out.printf("  registrations %d, bids %d, wins %d, paid %d, defaults %d, retractions %d%n", f.registrations,
            f.bids, f.wins, f.paid, f.defaults, f.retractions);
        for (final String suspension : f.suspensions)
        {
            out.println("  suspended in " + suspension);
        }
        out.println("  score:");
        for (final String line : r.explanation())
        {
            out.println("    " + line);
        }
        if (!r.features().isEmpty())
        {
            out.println("  shill features per lot (tendency, bidding ratio, successive, last, auction bids, " +
                "starting price, early, winning ratio -> score):");
        }
        for (final ShillFeatures lot : r.features())
        {
            final StringBuilder line = new StringBuilder("    auction " + lot.auctionId() + " lot " + lot.lotId() +
                ":");
            for (final double value : lot.values())
            {
                line.append(' ').append(Reputation.fixed(value));
            }
            out.println(line.append(" -> ").append(Reputation.fixed(lot.score())));
        }
    }

    /** A bidder's whole reputation as one JSON object. */
    public static String json(final Reputation r)
    {
        final BidderFacts f = r.facts();
        final StringBuilder json = new StringBuilder("{\"bidder\":").append(r.bidderId())
            .append(",\"score\":").append(r.score())
            .append(",\"shill\":").append(Reputation.fixed(r.shillScore()))
            .append(",\"registrations\":").append(f.registrations)
            .append(",\"bids\":").append(f.bids)
            .append(",\"wins\":").append(f.wins)
            .append(",\"paid\":").append(f.paid)
            .append(",\"defaults\":").append(f.defaults)
            .append(",\"retractions\":").append(f.retractions)
            .append(",\"suspensions\":[");
        for (int i = 0; i < f.suspensions.size(); i++)
        {
            json.append(i == 0 ? "" : ",").append('"').append(f.suspensions.get(i)).append('"');
        }
        json.append("],\"explanation\":[");
        for (int i = 0; i < r.explanation().size(); i++)
        {
            json.append(i == 0 ? "" : ",").append('"').append(r.explanation().get(i)).append('"');
        }
        json.append("],\"lots\":[");
        for (int i = 0; i < r.features().size(); i++)
        {
            final ShillFeatures lot = r.features().get(i);
            json.append(i == 0 ? "" : ",").append("{\"auction\":").append(lot.auctionId()).append(",\"lot\":")
                .append(lot.lotId());
            final double[] values = lot.values();
            for (int k = 0; k < values.length; k++)
            {
                json.append(",\"").append(ShillFeatures.NAMES[k].replace(' ', '_')).append("\":")
                    .append(Reputation.fixed(values[k]));
            }
            json.append(",\"score\":").append(Reputation.fixed(lot.score())).append('}');
        }
        return json.append("]}").toString();
    }
}
