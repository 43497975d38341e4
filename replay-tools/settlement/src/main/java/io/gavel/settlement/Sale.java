package io.gavel.settlement;

/**
 * One sale of a lot as the settlement service follows it: the LotSold event that made it (its journal identity:
 * engine sequence and event index), what is owed and by whom, and how far its settlement has got.
 */
public final class Sale
{
    /** Where a sale's settlement stands. */
    public enum State
    {
        /** Sold; nothing tried yet. */
        AWAITING,
        /** The provider is being asked (and asked again on transient failures). */
        CHARGING,
        /** Charged; the PAID report is on its way to the engine. */
        REPORTING_PAID,
        /** Declined or out of time; the FAILED report is on its way to the engine. */
        REPORTING_FAILED,
        /** The engine recorded it paid. */
        PAID,
        /** The engine recorded the failure; no runner-up (or not yet seen). */
        FAILED,
        /** The engine recorded the failure and sold the lot to the runner-up. */
        PASSED_DOWN,
        /** The engine refused the report (reason in the detail); needs a person. */
        REFUSED
    }

    final long auctionId;
    final long lotId;
    final int saleNumber;
    final long bidderId;
    final long price;
    final long invoice;
    final long journalSequence;
    /** The event's index as the journal stores it: a uint16, so the 65,537th event of a command stores 0 again. */
    final int eventIndex;
    /** Given by the book when the sale joins it (see {@link SettlementBook}); the same on every restart. */
    long correlationId;
    State state = State.AWAITING;
    int attempts;
    long chargingSinceMillis;
    String detail = "";

    Sale(final long auctionId, final long lotId, final int saleNumber, final long bidderId, final long price,
        final long invoice, final long journalSequence, final int eventIndex)
    {
        this.auctionId = auctionId;
        this.lotId = lotId;
        this.saleNumber = saleNumber;
        this.bidderId = bidderId;
        this.price = price;
        this.invoice = invoice;
        this.journalSequence = journalSequence;
        this.eventIndex = eventIndex;
    }

    /**
     * The provider's idempotency key: the sale's auction, lot and sale number, which no other sale shares (one
     * command closes a lot at most once, and each pass-down is a new sale number), followed by its place in the
     * journal as stored (the engine sequence of the command whose LotSold event made it, and the event's 16-bit
     * index). The same sale always gets the same key; two sales never share one, even when the stored event
     * indexes of a command with more than 65,536 events repeat.
     */
    public String idempotencyKey()
    {
        return "gavel-a" + auctionId + "-l" + lotId + "-s" + saleNumber + "-j" + journalSequence + "." + eventIndex;
    }

    /**
     * The SettlementResult's correlation id, unique among the service's reports and the same on every restart: a
     * resend after a crash is answered as a duplicate by the engine's idempotency window, never applied to a later
     * sale. {@link #journalCorrelation(long, int)} for an ordinary sale; see {@link SettlementBook} for the sales of a
     * command whose stored event indexes repeat.
     */
    public long correlationId()
    {
        return correlationId;
    }

    /**
     * The correlation id of a sale from its stored journal identity: {@code sequence * 65,536 + eventIndex}. Unique
     * while a command has at most 65,536 events (the event index is a uint16); a larger command repeats it.
     */
    static long journalCorrelation(final long journalSequence, final int eventIndex)
    {
        return journalSequence * 65_536L + eventIndex;
    }

    /** Key among sales: auction, lot, sale number. */
    String key()
    {
        return auctionId + "/" + lotId + "/" + saleNumber;
    }

    public long auctionId()
    {
        return auctionId;
    }

    public long lotId()
    {
        return lotId;
    }

    public int saleNumber()
    {
        return saleNumber;
    }

    public long bidderId()
    {
        return bidderId;
    }

    public long invoice()
    {
        return invoice;
    }

    public State state()
    {
        return state;
    }

    public int attempts()
    {
        return attempts;
    }

    public String detail()
    {
        return detail;
    }
}
