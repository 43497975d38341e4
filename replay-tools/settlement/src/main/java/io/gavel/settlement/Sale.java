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
    final int eventIndex;
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
     * The provider's idempotency key: the sale's place in the journal (the engine sequence of the command whose
     * LotSold event made it, and the event's index) with its auction, lot and sale number. The same sale always
     * gets the same key; two sales never share one.
     */
    public String idempotencyKey()
    {
        return "gavel-a" + auctionId + "-l" + lotId + "-s" + saleNumber + "-j" + journalSequence + "." + eventIndex;
    }

    /**
     * The SettlementResult's correlation id, derived from the same identity: a resend after a crash is answered as
     * a duplicate by the engine's idempotency window, never applied to a later sale.
     */
    public long correlationId()
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
