package io.gavel.core.rules;

import io.gavel.sbe.LotState;
import io.gavel.sbe.PassReason;

/**
 * One lot's state. TIMED lots use the proxy book and a deadline; LIVE lots use the book for commission bids and the
 * ask ladder fields. Mutated only by the rules classes of this package.
 */
public final class Lot extends Identified
{
    static final long NONE = 0;

    final Auction auction;
    final long startPrice;
    final long reserve;
    final long buyNowPrice;
    final long originalEnd;

    LotState state;
    long end;
    int extensions;
    int deadlineIndex = -1;

    final ProxyBook book = new ProxyBook();
    /** TIMED: the book's leader; LIVE: the holder of the current bid. */
    long leaderId = NONE;
    /** Current price; meaningful only while there is a leader. */
    long price;

    /** SCHEDULED LIVE: the commission book's R2 price, kept like a TIMED price; not public until the lot opens. */
    long bookPrice;

    long ask;
    int askVersion;
    int overrideBand = -1;
    long overrideIncrement;
    final LadderHistory ladder = new LadderHistory();

    long winnerId = NONE;
    long salePrice;
    int saleNumber;
    boolean saleReported;
    PassReason passReason;
    private long[] defaulters = new long[0];
    private int defaulterCount;

    Lot(final Auction auction, final long id, final long startPrice, final long reserve, final long buyNowPrice,
        final long end)
    {
        super(id);
        this.auction = auction;
        this.startPrice = startPrice;
        this.reserve = reserve;
        this.buyNowPrice = buyNowPrice;
        this.originalEnd = end;
        this.end = end;
        this.state = auction.isTimed() ? LotState.OPEN : LotState.SCHEDULED;
    }

    public Auction auction()
    {
        return auction;
    }

    public LotState state()
    {
        return state;
    }

    public long leaderId()
    {
        return leaderId;
    }

    /** The current price, or the start price when no one leads. */
    public long displayPrice()
    {
        return leaderId == NONE ? startPrice : price;
    }

    /**
     * A SCHEDULED LIVE lot: the leader of the commission book (0 when it is empty), who would hold the lot if it
     * opened now. Not public state: the house sees it, the room does not (scenario reports).
     */
    public long commissionLeader()
    {
        return book.isEmpty() ? NONE : book.bidderAt(0);
    }

    /** A SCHEDULED LIVE lot: the commission book's R2 price (what opening would give), or the start price. */
    public long commissionPrice()
    {
        return book.isEmpty() ? startPrice : bookPrice;
    }

    public long price()
    {
        return price;
    }

    public long ask()
    {
        return ask;
    }

    public int askVersion()
    {
        return askVersion;
    }

    public long end()
    {
        return end;
    }

    public int extensions()
    {
        return extensions;
    }

    public long winnerId()
    {
        return winnerId;
    }

    public long salePrice()
    {
        return salePrice;
    }

    public int saleNumber()
    {
        return saleNumber;
    }

    public PassReason passReason()
    {
        return passReason;
    }

    public long startPrice()
    {
        return startPrice;
    }

    public ProxyBook book()
    {
        return book;
    }

    public boolean isClosed()
    {
        return state == LotState.SOLD || state == LotState.PASSED;
    }

    boolean isLiveRunning()
    {
        return state == LotState.OPEN || state == LotState.GOING;
    }

    public boolean reserveMet()
    {
        return leaderId != NONE && price >= reserve;
    }

    /** R1: the minimum acceptable bid: the start price with no standing bid, else price plus one increment. */
    public long minimumBid()
    {
        return leaderId == NONE ? startPrice : auction.increments.nextAsk(price);
    }

    /** R1 with the clerk's override of the current band's increment (LIVE). */
    long nextAsk(final long amount)
    {
        final IncrementTable increments = auction.increments;
        if (overrideBand >= 0 && increments.bandIndex(amount) == overrideBand)
        {
            return amount + overrideIncrement;
        }
        return increments.nextAsk(amount);
    }

    boolean hasDefaulted(final long bidderId)
    {
        for (int i = 0; i < defaulterCount; i++)
        {
            if (defaulters[i] == bidderId)
            {
                return true;
            }
        }
        return false;
    }

    int defaulterCount()
    {
        return defaulterCount;
    }

    long defaulterAt(final int index)
    {
        return defaulters[index];
    }

    void addDefaulter(final long bidderId)
    {
        if (defaulterCount == defaulters.length)
        {
            defaulters = java.util.Arrays.copyOf(defaulters, Math.max(2, defaulterCount * 2));
        }
        defaulters[defaulterCount++] = bidderId;
    }

    /**
     * What this lot adds to a bidder's exposure (RULES.md R5), premium included: the TIMED leader at their maximum,
     * each commission maximum of a LIVE lot not yet open, the LIVE holder at the price held, the winner of a sale.
     */
    long exposureOf(final long bidderId)
    {
        final long amount;
        switch (state)
        {
            case OPEN:
            case GOING:
                if (bidderId != leaderId)
                {
                    return 0;
                }
                amount = auction.isTimed() ? book.maximumOf(bidderId) : price;
                break;
            case SCHEDULED:
                amount = book.maximumOf(bidderId);
                break;
            case SOLD:
                amount = bidderId == winnerId ? salePrice : 0;
                break;
            default:
                return 0;
        }
        return amount == 0 ? 0 : Money.withPremium(amount, auction.premiumRateBps);
    }

    /** Subtracts (sign -1) or adds (sign +1) this lot's exposure items to every bidder holding one. */
    void applyExposure(final int sign)
    {
        switch (state)
        {
            case SCHEDULED:
                for (int i = 0; i < book.size(); i++)
                {
                    if (book.limitedAt(i))
                    {
                        applyExposureOf(book.bidderAt(i), sign);
                    }
                }
                break;
            case OPEN:
            case GOING:
                // A TIMED leader is the book's first entry, whose flag says whether it has a limit at all.
                if (!auction.isTimed() || (!book.isEmpty() && book.limitedAt(0)))
                {
                    applyExposureOf(leaderId, sign);
                }
                break;
            case SOLD:
                applyExposureOf(winnerId, sign);
                break;
            default:
                break;
        }
    }

    private void applyExposureOf(final long bidderId, final int sign)
    {
        if (bidderId == NONE)
        {
            return;
        }
        final Bidder bidder = auction.bidder(bidderId);
        if (bidder != null && bidder.hasLimit())
        {
            bidder.exposure += sign * exposureOf(bidderId);
        }
    }
}
