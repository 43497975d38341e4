package io.gavel.core.rules;

import io.gavel.sbe.BooleanType;
import io.gavel.sbe.LotSnapshotDecoder;
import io.gavel.sbe.LotSnapshotEncoder;
import io.gavel.sbe.LotState;
import io.gavel.sbe.PassReason;

/**
 * One lot's state. TIMED lots use the proxy book and a deadline; LIVE lots use the book for commission bids and the
 * ask ladder fields. Its fields are written only here, by its transitions (the rules classes decide, the lot
 * changes), and every transition that can move a bidder's exposure goes through {@link #change}; it hashes and
 * snapshots itself next to its fields. The deadline heap keeps its own index in {@code deadlineIndex}.
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

    final ProxyBook book;
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
    final LadderHistory ladder;

    long winnerId = NONE;
    long salePrice;
    int saleNumber;
    boolean saleReported;
    PassReason passReason;
    private final Defaulters defaulters = new Defaulters();

    Lot(final Auction auction, final BookArena books, final long id, final long startPrice, final long reserve,
        final long buyNowPrice, final long end)
    {
        super(id);
        this.auction = auction;
        this.book = new ProxyBook(books);
        this.ladder = new LadderHistory(books);
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
        return defaulters.contains(bidderId);
    }

    /** The winner of the current sale failed to pay (R7): never offered this lot again. */
    void winnerDefaulted()
    {
        defaulters.add(winnerId);
    }

    /** Folds every field into the state hash; a field added to Lot is added here (SelfDescribingStateTest). */
    void hash(final StateHash h)
    {
        h.add(id).add(state.value()).add(end).add(extensions).add(leaderId).add(price).add(bookPrice).add(ask)
            .add(askVersion).add(overrideBand).add(overrideIncrement).add(winnerId).add(salePrice).add(saleNumber)
            .add(saleReported ? 1 : 0).add(passReason == null ? -1 : passReason.value());
        book.hash(h);
        // R7 reads the ladder and the defaulters: a copy that lost either would pass a sale elsewhere.
        ladder.hash(h);
        defaulters.hash(h);
    }

    /** Bytes a LotSnapshot frame of this lot needs at most. */
    int snapshotLength()
    {
        return 256 + book.size() * 40 + ladder.size() * 32 + defaulters.count() * 8;
    }

    void writeTo(final LotSnapshotEncoder encoder)
    {
        encoder.lotId(id).startPrice(startPrice).reserve(reserve).buyNowPrice(buyNowPrice).originalEnd(originalEnd)
            .endTime(end).extensions(extensions).state(state).leaderId(leaderId).price(price).ask(ask)
            .askVersion(askVersion).overrideBand(overrideBand).overrideIncrement(overrideIncrement)
            .winnerId(winnerId).salePrice(salePrice).saleNumber(saleNumber)
            .saleReported(saleReported ? BooleanType.TRUE : BooleanType.FALSE)
            .passReason(passReason == null ? PassReason.NULL_VAL : passReason);
        book.writeTo(encoder.bookCount(book.size()));
        ladder.writeTo(encoder.ladderCount(ladder.size()));
        defaulters.writeTo(encoder.defaultersCount(defaulters.count()));
    }

    /** A lot of {@code auction} exactly as written by {@link #writeTo} (groups read in their order). */
    static Lot readFrom(final Auction auction, final BookArena books, final LotSnapshotDecoder d,
        final ProxyBook scratch)
    {
        final Lot lot =
            new Lot(auction, books, d.lotId(), d.startPrice(), d.reserve(), d.buyNowPrice(), d.originalEnd());
        lot.end = d.endTime();
        lot.extensions = d.extensions();
        lot.state = d.state();
        lot.leaderId = d.leaderId();
        lot.price = d.price();
        lot.ask = d.ask();
        lot.askVersion = d.askVersion();
        lot.overrideBand = d.overrideBand();
        lot.overrideIncrement = d.overrideIncrement();
        lot.winnerId = d.winnerId();
        lot.salePrice = d.salePrice();
        lot.saleNumber = d.saleNumber();
        lot.saleReported = d.saleReported() == BooleanType.TRUE;
        lot.passReason = d.passReason() == PassReason.NULL_VAL ? null : d.passReason();
        lot.book.readFrom(d.book());
        if (!auction.isTimed() && !lot.book.isEmpty())
        {
            // Not in the frame: the commission price is a function of the book (R2 replay), so it is rebuilt.
            lot.bookPrice = TimedBidding.replayPrice(lot, lot.book, scratch);
        }
        lot.ladder.readFrom(d.ladder());
        lot.defaulters.readFrom(d.defaulters());
        return lot;
    }

    /** The transitions that can change what this lot adds to bidders' exposure (RULES.md R5). */
    private enum Change
    {
        PLACE_MAXIMUM, REMOVE_MAXIMUM, BUY_NOW, CLOSE, WITHDRAW, SELL, DEFAULT, PLACE_COMMISSION, REMOVE_COMMISSION,
        OPEN, ACCEPT, REOPEN
    }

    /** TIMED: places a maximum (R2); the price never drops on a placement. */
    void placeMaximum(final long bidderId, final long maximum, final long sequence, final boolean limited)
    {
        change(Change.PLACE_MAXIMUM, bidderId, maximum, sequence, limited, null);
    }

    /** TIMED: removes a maximum (retraction, suspension) and recomputes leader and price by replay (R2). */
    void removeMaximum(final long bidderId, final ProxyBook scratch)
    {
        change(Change.REMOVE_MAXIMUM, bidderId, 0, 0, false, scratch);
    }

    /** TIMED: the bidder takes the lot at the buy-now price: it leads at that price and the lot is sold. */
    void buyNow(final long bidderId)
    {
        change(Change.BUY_NOW, bidderId, buyNowPrice, 0, false, null);
    }

    /** The end (TIMED) or the hammer (LIVE): sold to the leader if the reserve is met, else passed (R4). */
    void close()
    {
        change(Change.CLOSE, NONE, 0, 0, false, null);
    }

    void withdraw()
    {
        change(Change.WITHDRAW, NONE, 0, 0, false, null);
    }

    /** Second chance after a default: sold again, to another bidder at another price. */
    void sell(final long winnerId, final long price)
    {
        change(Change.SELL, winnerId, price, 0, false, null);
    }

    /** Second chance found no one: passed as DEFAULTED. */
    void passDefaulted()
    {
        change(Change.DEFAULT, NONE, 0, 0, false, null);
    }

    /** SCHEDULED LIVE: places a commission maximum; the book's R2 price never drops on a placement. */
    void placeCommission(final long bidderId, final long maximum, final long sequence, final boolean limited)
    {
        change(Change.PLACE_COMMISSION, bidderId, maximum, sequence, limited, null);
    }

    /** SCHEDULED LIVE: removes a commission maximum and replays the book's price. */
    void removeCommission(final long bidderId, final ProxyBook scratch)
    {
        change(Change.REMOVE_COMMISSION, bidderId, 0, 0, false, scratch);
    }

    /** LIVE: opens the lot; the commission book's leader holds it at the book's price, the ladder starts. */
    void open()
    {
        change(Change.OPEN, NONE, 0, 0, false, null);
    }

    /** LIVE: a bid at the ask is accepted; the ask moves on. */
    void accept(final long bidderId, final long amount, final long sequence)
    {
        change(Change.ACCEPT, bidderId, amount, sequence, false, null);
    }

    /** LIVE: the hammer is taken back; the lot runs again with its holder and price. */
    void reopen()
    {
        change(Change.REOPEN, NONE, 0, 0, false, null);
    }

    /**
     * The one place the exposure bracket is written: the lot's exposure items are taken off every bidder holding
     * one, the lot changes, and the new items are put back, so each bidder's exposure stays the sum of R5.
     */
    private void change(final Change change, final long bidderId, final long amount, final long sequence,
        final boolean limited, final ProxyBook scratch)
    {
        Exposure.apply(this, -1);
        switch (change)
        {
            case PLACE_MAXIMUM:
                final long previousPrice = price;
                final boolean hadLeader = leaderId != NONE;
                book.place(bidderId, amount, sequence, limited);
                final long resolved = TimedBidding.resolve(this, book);
                leaderId = book.bidderAt(0);
                price = hadLeader ? Math.max(previousPrice, resolved) : resolved;
                break;
            case REMOVE_MAXIMUM:
                book.remove(bidderId);
                leaderId = book.isEmpty() ? NONE : book.bidderAt(0);
                price = book.isEmpty() ? 0 : TimedBidding.replayPrice(this, book, scratch);
                break;
            case BUY_NOW:
                leaderId = bidderId;
                price = amount;
                sold(bidderId, amount);
                break;
            case CLOSE:
                if (leaderId == NONE)
                {
                    passed(PassReason.NO_BIDS);
                }
                else if (!reserveMet())
                {
                    passed(PassReason.RESERVE_NOT_MET);
                }
                else
                {
                    sold(leaderId, price);
                }
                break;
            case WITHDRAW:
                passed(PassReason.WITHDRAWN);
                break;
            case SELL:
                sold(bidderId, amount);
                break;
            case DEFAULT:
                passed(PassReason.DEFAULTED);
                break;
            case PLACE_COMMISSION:
                final boolean empty = book.isEmpty();
                book.place(bidderId, amount, sequence, limited);
                final long bookResolved = TimedBidding.resolve(this, book);
                bookPrice = empty ? bookResolved : Math.max(bookPrice, bookResolved);
                break;
            case REMOVE_COMMISSION:
                book.remove(bidderId);
                bookPrice = book.isEmpty() ? 0 : TimedBidding.replayPrice(this, book, scratch);
                break;
            case OPEN:
                opened();
                break;
            case ACCEPT:
                leaderId = bidderId;
                price = amount;
                state = LotState.OPEN;
                ladder.record(bidderId, amount, sequence);
                ask = nextAsk(amount);
                askVersion++;
                break;
            case REOPEN:
                state = LotState.OPEN;
                winnerId = NONE;
                salePrice = 0;
                saleNumber = 0;
                passReason = null;
                break;
            default:
                throw new IllegalStateException("unknown change " + change);
        }
        Exposure.apply(this, +1);
    }

    private void opened()
    {
        state = LotState.OPEN;
        askVersion = 1;
        if (book.isEmpty())
        {
            ask = startPrice;
            return;
        }
        leaderId = book.bidderAt(0);
        price = bookPrice;
        ask = nextAsk(price);
        ladder.record(leaderId, price, book.sequenceAt(0));
        for (int i = 1; i < book.size(); i++)
        {
            ladder.record(book.bidderAt(i), book.maximumAt(i), book.sequenceAt(i));
        }
    }

    private void sold(final long winnerId, final long price)
    {
        state = LotState.SOLD;
        this.winnerId = winnerId;
        salePrice = price;
        saleNumber++;
        saleReported = false;
        passReason = null;
    }

    private void passed(final PassReason reason)
    {
        state = LotState.PASSED;
        passReason = reason;
    }

    // Transitions that leave every exposure item as it is (the ask, the end, GOING, the payment report).

    /** LIVE: fair warning; the holder and price stand, so exposure does not change. */
    void fairWarning()
    {
        state = LotState.GOING;
    }

    /** LIVE: the clerk overrides the increment of the current band (R1); the ask follows when someone holds. */
    void overrideIncrement(final long increment)
    {
        overrideBand = auction.increments.bandIndex(leaderId != NONE ? price : ask);
        overrideIncrement = increment;
        if (leaderId != NONE)
        {
            ask = nextAsk(price);
        }
        askVersion++;
    }

    /** LIVE: the auctioneer jumps the ask. */
    void jumpAsk(final long newAsk)
    {
        ask = newAsk;
        askVersion++;
    }

    /** TIMED soft close (R4): the end moves later. */
    void extendTo(final long newEnd)
    {
        end = newEnd;
        extensions++;
    }

    /** A payment was reported for the current sale: from now on it belongs to settlement. */
    void saleReported()
    {
        saleReported = true;
    }
}
