package io.gavel.client;

import io.gavel.protocol.EventDecoder;
import io.gavel.protocol.EventLayout;
import io.gavel.protocol.EventListener;
import io.gavel.sbe.*;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A client's live copy of one auction: a snapshot of every lot (RequestAuctionStatus), then the public events after
 * it, in event-sequence order. Events that arrive before the snapshot are held and applied after it; a gap in the
 * event sequence marks the mirror out of date, and {@link #sync} starts over. Add it to the client's listener
 * (with {@link CompositeListener} if the client has others). With a cluster's client, also {@link #sync} after each
 * leader change: a leader that dies may have applied commands whose events it never sent, and no gap shows until
 * the auction's next event (the web edge does this, docs/WEB.md).
 *
 * <pre>{@code
 * AuctionMirror mirror = new AuctionMirror(auctionId);
 * GavelClient client = GavelClient.connect(context.listener(mirror));
 * mirror.sync(client);
 * client.pollUntil(mirror::isLive, Duration.ofSeconds(5));
 * mirror.lot(1).price();
 * }</pre>
 */
public final class AuctionMirror implements GavelListener
{
    private final long auctionId;
    private final Long2ObjectHashMap<LotView> lots = new Long2ObjectHashMap<>();
    private final TreeMap<Long, byte[]> early = new TreeMap<>();
    private final UnsafeBuffer replay = new UnsafeBuffer(0, 0);
    private long syncCorrelationId;
    private long eventSequence;
    private boolean live;
    private boolean gap;
    private int resyncs;
    private final EventDecoder decoder = new EventDecoder();
    private final LotApplier applier = new LotApplier();

    /** One lot as the mirror sees it. */
    public static final class LotView
    {
        final long lotId;
        LotState state = LotState.SCHEDULED;
        long leaderId;
        long price;
        long ask;
        int askVersion;
        boolean reserveMet;
        long endTime;
        long invoice;
        PassReason passReason;
        int bids;

        LotView(final long lotId)
        {
            this.lotId = lotId;
        }

        public long lotId()
        {
            return lotId;
        }

        public LotState state()
        {
            return state;
        }

        public long leaderId()
        {
            return leaderId;
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

        public boolean reserveMet()
        {
            return reserveMet;
        }

        public long endTime()
        {
            return endTime;
        }

        /** The winner's invoice (price plus premium) once SOLD, else 0. */
        public long invoice()
        {
            return invoice;
        }

        /** Why the lot PASSED, else null. */
        public PassReason passReason()
        {
            return passReason;
        }

        /** Bids this mirror saw accepted on the lot since it went live (not counted in a snapshot). */
        public int bids()
        {
            return bids;
        }

        @Override
        public String toString()
        {
            return lotId + ":" + state + ":" + leaderId + ":" + price + ":" + ask + ":" + askVersion;
        }
    }

    public AuctionMirror(final long auctionId)
    {
        this.auctionId = auctionId;
    }

    /** The auction this mirror follows. */
    public long auctionId()
    {
        return auctionId;
    }

    /**
     * Asks the engine (or the cluster's leader, or the auction's shard) for the auction's snapshot; the mirror is live
     * once it and any held events are applied.
     */
    public void sync(final GavelCommands client)
    {
        live = false;
        gap = false;
        lots.clear();
        syncCorrelationId = client.requestAuctionStatus(auctionId);
        resyncs++;
    }

    /** Whether the snapshot arrived and no gap has been seen since. */
    public boolean isLive()
    {
        return live && !gap;
    }

    /** Whether an event (or the snapshot, answered as a duplicate) was missed: call {@link #sync} again. */
    public boolean gapDetected()
    {
        return gap;
    }

    /** How many times {@link #sync} was called. */
    public int syncs()
    {
        return resyncs;
    }

    public long eventSequence()
    {
        return eventSequence;
    }

    public LotView lot(final long lotId)
    {
        return lots.get(lotId);
    }

    public List<LotView> lots()
    {
        final List<LotView> all = new ArrayList<>(lots.values());
        all.sort((a, b) -> Long.compare(a.lotId, b.lotId));
        return all;
    }

    public void onLotStatus(final LotStatusDecoder e)
    {
        if (e.correlationId() != syncCorrelationId || e.auctionId() != auctionId)
        {
            return;
        }
        final LotView lot = lots.computeIfAbsent(e.lotId(), LotView::new);
        lot.state = e.state();
        lot.leaderId = e.leaderId();
        lot.price = e.price();
        lot.ask = e.ask();
        lot.askVersion = e.askVersion();
        lot.reserveMet = e.reserveMet() == BooleanType.TRUE;
        lot.endTime = e.endTime();
        eventSequence = e.eventSequence();
    }

    public void onResponse(final long correlationId, final boolean accepted, final RejectReason reason,
        final long engineSequence, final boolean duplicate)
    {
        if (correlationId != syncCorrelationId || live)
        {
            return;
        }
        if (duplicate)
        {
            // A resent request (a cluster client resends after a leader change) is answered as a duplicate, without
            // the LotStatus frames the first answer carried: the snapshot may be missing, so sync again.
            gap = true;
            return;
        }
        if (!accepted)
        {
            // Unknown auction: an empty mirror that starts from the auction's first event.
            eventSequence = 0;
        }
        live = true;
        while (!early.isEmpty())
        {
            final byte[] frame = early.pollFirstEntry().getValue();
            replay.wrap(frame);
            apply(replay, 0, frame.length);
        }
    }

    public void onPublicEvent(final int templateId, final DirectBuffer buffer, final int offset, final int length)
    {
        if (EventLayout.auctionId(buffer, offset) != auctionId)
        {
            return;
        }
        if (!live)
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            early.put(EventLayout.eventSequence(buffer, offset), copy);
            return;
        }
        apply(buffer, offset, length);
    }

    private void apply(final DirectBuffer buffer, final int offset, final int length)
    {
        final long sequence = EventLayout.eventSequence(buffer, offset);
        if (sequence <= eventSequence)
        {
            return; // already in the snapshot
        }
        if (sequence != eventSequence + 1)
        {
            gap = true;
            return;
        }
        eventSequence = sequence;
        decoder.decode(buffer, offset, length, applier);
    }

    /** Applies one in-sequence public event to the lot views. */
    private final class LotApplier implements EventListener
    {
        /** A closed TIMED lot asks nothing more. */
        private void closed(final LotView lot)
        {
            if (lot.endTime != 0)
            {
                lot.ask = 0;
            }
        }

        private LotView lot(final long lotId)
        {
            return lots.computeIfAbsent(lotId, LotView::new);
        }

        public void onLotAdded(final LotAddedDecoder event)
        {
            final LotView lot = lot(event.lotId());
            lot.state = event.endTime() != 0 ? LotState.OPEN : LotState.SCHEDULED;
            lot.price = event.startPrice();
            // As the engine's status reports it: a TIMED lot asks its start; a LIVE lot has no ask yet.
            lot.ask = event.endTime() != 0 ? event.startPrice() : 0;
            lot.endTime = event.endTime();
            lot.reserveMet = false;
        }

        public void onLotOpened(final LotOpenedDecoder event)
        {
            final LotView lot = lot(event.lotId());
            lot.state = LotState.OPEN;
            lot.leaderId = event.holderId();
            lot.price = event.price();
            lot.ask = event.ask();
            lot.askVersion = event.askVersion();
            lot.reserveMet = event.reserveMet() == BooleanType.TRUE;
        }

        public void onBidAccepted(final BidAcceptedDecoder event)
        {
            final LotView lot = lot(event.lotId());
            if (lot.state == LotState.GOING)
            {
                lot.state = LotState.OPEN;
            }
            lot.leaderId = event.leaderId();
            lot.price = event.price();
            lot.ask = event.ask();
            lot.askVersion = event.askVersion();
            lot.reserveMet = event.reserveMet() == BooleanType.TRUE;
            lot.bids++;
        }

        public void onPriceChanged(final PriceChangedDecoder event)
        {
            final LotView lot = lot(event.lotId());
            lot.leaderId = event.leaderId();
            lot.price = event.price();
            lot.ask = event.ask();
            lot.reserveMet = event.reserveMet() == BooleanType.TRUE;
        }

        public void onAskChanged(final AskChangedDecoder event)
        {
            final LotView lot = lot(event.lotId());
            lot.ask = event.ask();
            lot.askVersion = event.askVersion();
        }

        public void onFairWarning(final FairWarningGivenDecoder event)
        {
            lot(event.lotId()).state = LotState.GOING;
        }

        public void onEndExtended(final EndExtendedDecoder event)
        {
            lot(event.lotId()).endTime = event.endTime();
        }

        public void onLotSold(final LotSoldDecoder event)
        {
            final LotView lot = lot(event.lotId());
            lot.state = LotState.SOLD;
            lot.leaderId = event.bidderId();
            lot.price = event.price();
            lot.invoice = event.invoiceAmount();
            closed(lot);
        }

        public void onLotPassed(final LotPassedDecoder event)
        {
            final LotView lot = lot(event.lotId());
            lot.state = LotState.PASSED;
            lot.passReason = event.reason();
            closed(lot);
        }

        public void onLotReopened(final LotReopenedDecoder event)
        {
            final LotView lot = lot(event.lotId());
            lot.state = LotState.OPEN;
            lot.leaderId = event.holderId();
            lot.price = event.price();
            lot.ask = event.ask();
            lot.askVersion = event.askVersion();
            lot.invoice = 0;
            lot.passReason = null;
        }
    }
}
