package io.gavel.client;

import io.gavel.sbe.Format;
import io.gavel.sbe.RetractionPolicy;
import io.gavel.sbe.TiePolicy;

/**
 * Settings of a new auction (RULES.md, Vocabulary). Defaults: USD, no premium, the default increment table,
 * EARLIEST_WINS, the format's default retraction policy, soft close 120 s / 120 s with no caps (TIMED).
 */
public final class AuctionSettings
{
    Format format;
    String currency = "USD";
    int premiumRateBps;
    TiePolicy tiePolicy = TiePolicy.EARLIEST_WINS;
    RetractionPolicy retractionPolicy = RetractionPolicy.NULL_VAL;
    boolean softClose = true;
    long softCloseWindowNanos = 120_000_000_000L;
    long softCloseExtensionNanos = 120_000_000_000L;
    // Negative: no cap (RULES.md R4: a cap left out is no cap; a cap of 0 allows no extension).
    int maxExtensions = -1;
    long maxExtensionTotalNanos = -1;
    long[] bandStarts = new long[0];
    long[] bandIncrements = new long[0];

    /**
     * Encodes the CreateAuction command for these settings: the one place their fields reach the wire, shared by
     * every client (single engine, cluster).
     */
    public void encodeCreate(final io.gavel.protocol.CommandEncoder encoder, final long correlationId,
        final long auctionId)
    {
        encoder.createAuction(correlationId, auctionId, format, currency, premiumRateBps, tiePolicy, retractionPolicy,
            softClose, softCloseWindowNanos, softCloseExtensionNanos, maxExtensions, maxExtensionTotalNanos,
            bandStarts, bandIncrements, bandStarts.length);
    }

    private AuctionSettings(final Format format)
    {
        this.format = format;
    }

    public static AuctionSettings live()
    {
        return new AuctionSettings(Format.LIVE);
    }

    public static AuctionSettings timed()
    {
        return new AuctionSettings(Format.TIMED);
    }

    public AuctionSettings currency(final String currency)
    {
        this.currency = currency;
        return this;
    }

    /** Buyer's premium in basis points: 2000 = 20%. */
    public AuctionSettings premiumRateBps(final int premiumRateBps)
    {
        this.premiumRateBps = premiumRateBps;
        return this;
    }

    public AuctionSettings tiePolicy(final TiePolicy tiePolicy)
    {
        this.tiePolicy = tiePolicy;
        return this;
    }

    public AuctionSettings retractionPolicy(final RetractionPolicy retractionPolicy)
    {
        this.retractionPolicy = retractionPolicy;
        return this;
    }

    public AuctionSettings softClose(final long windowNanos, final long extensionNanos)
    {
        this.softClose = true;
        this.softCloseWindowNanos = windowNanos;
        this.softCloseExtensionNanos = extensionNanos;
        return this;
    }

    public AuctionSettings softCloseOff()
    {
        this.softClose = false;
        this.softCloseWindowNanos = 0;
        this.softCloseExtensionNanos = 0;
        return this;
    }

    public AuctionSettings extensionCaps(final int maxExtensions, final long maxExtensionTotalNanos)
    {
        this.maxExtensions = maxExtensions;
        this.maxExtensionTotalNanos = maxExtensionTotalNanos;
        return this;
    }

    /** The increment table as bands: {@code starts[i]} in cents with {@code increments[i]}. */
    public AuctionSettings increments(final long[] starts, final long[] increments)
    {
        this.bandStarts = starts.clone();
        this.bandIncrements = increments.clone();
        return this;
    }
}
