package io.gavel.client;

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
 * (with {@link CompositeListener} if the client has others).
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
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final UnsafeBuffer replay = new UnsafeBuffer(0, 0);
    private long syncCorrelationId;
    private long eventSequence;
    private boolean live;
    private boolean gap;
    private int resyncs;
    private final EventDispatcherHook dispatcher = new EventDispatcherHook();

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

    /** Asks the engine for the auction's snapshot; the mirror is live once it and any held events are applied. */
    public void sync(final GavelClient client)
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

    /** Whether an event was missed: call {@link #sync} again. */
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
            apply(replay, 0);
        }
    }

    public void onPublicFrame(final int templateId, final DirectBuffer buffer, final int offset, final int length)
    {
        if (auctionOf(buffer, offset) != auctionId)
        {
            return;
        }
        if (!live)
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            early.put(sequenceOf(buffer, offset), copy);
            return;
        }
        apply(buffer, offset);
    }

    private void apply(final DirectBuffer buffer, final int offset)
    {
        final long sequence = sequenceOf(buffer, offset);
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
        dispatcher.apply(buffer, offset);
    }

    // Every public event starts with auctionId then eventSequence (the schema keeps them first).
    private long auctionOf(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + MessageHeaderDecoder.ENCODED_LENGTH, java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    private long sequenceOf(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + MessageHeaderDecoder.ENCODED_LENGTH + Long.BYTES,
            java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    /** Applies one public event to the lot views. */
    private final class EventDispatcherHook
    {
        private final LotAddedDecoder lotAdded = new LotAddedDecoder();
        private final LotOpenedDecoder lotOpened = new LotOpenedDecoder();
        private final BidAcceptedDecoder bidAccepted = new BidAcceptedDecoder();
        private final PriceChangedDecoder priceChanged = new PriceChangedDecoder();
        private final AskChangedDecoder askChanged = new AskChangedDecoder();
        private final FairWarningGivenDecoder fairWarning = new FairWarningGivenDecoder();
        private final EndExtendedDecoder endExtended = new EndExtendedDecoder();
        private final LotSoldDecoder lotSold = new LotSoldDecoder();
        private final LotPassedDecoder lotPassed = new LotPassedDecoder();
        private final LotReopenedDecoder lotReopened = new LotReopenedDecoder();

        /** A closed TIMED lot asks nothing more. */
        private void closed(final LotView lot)
        {
            if (lot.endTime != 0)
            {
                lot.ask = 0;
            }
        }

        void apply(final DirectBuffer buffer, final int offset)
        {
            header.wrap(buffer, offset);
            switch (header.templateId())
            {
                case LotAddedDecoder.TEMPLATE_ID:
                {
                    lotAdded.wrapAndApplyHeader(buffer, offset, header);
                    final LotView lot = lots.computeIfAbsent(lotAdded.lotId(), LotView::new);
                    lot.state = lotAdded.endTime() != 0 ? LotState.OPEN : LotState.SCHEDULED;
                    lot.price = lotAdded.startPrice();
                    // As the engine's status reports it: a TIMED lot asks its start; a LIVE lot has no ask yet.
                    lot.ask = lotAdded.endTime() != 0 ? lotAdded.startPrice() : 0;
                    lot.endTime = lotAdded.endTime();
                    lot.reserveMet = false;
                    break;
                }
                case LotOpenedDecoder.TEMPLATE_ID:
                {
                    lotOpened.wrapAndApplyHeader(buffer, offset, header);
                    final LotView lot = lots.computeIfAbsent(lotOpened.lotId(), LotView::new);
                    lot.state = LotState.OPEN;
                    lot.leaderId = lotOpened.holderId();
                    lot.price = lotOpened.price();
                    lot.ask = lotOpened.ask();
                    lot.askVersion = lotOpened.askVersion();
                    lot.reserveMet = lotOpened.reserveMet() == BooleanType.TRUE;
                    break;
                }
                case BidAcceptedDecoder.TEMPLATE_ID:
                {
                    bidAccepted.wrapAndApplyHeader(buffer, offset, header);
                    final LotView lot = lots.computeIfAbsent(bidAccepted.lotId(), LotView::new);
                    if (lot.state == LotState.GOING)
                    {
                        lot.state = LotState.OPEN;
                    }
                    lot.leaderId = bidAccepted.leaderId();
                    lot.price = bidAccepted.price();
                    lot.ask = bidAccepted.ask();
                    lot.askVersion = bidAccepted.askVersion();
                    lot.reserveMet = bidAccepted.reserveMet() == BooleanType.TRUE;
                    break;
                }
                case PriceChangedDecoder.TEMPLATE_ID:
                {
                    priceChanged.wrapAndApplyHeader(buffer, offset, header);
                    final LotView lot = lots.computeIfAbsent(priceChanged.lotId(), LotView::new);
                    lot.leaderId = priceChanged.leaderId();
                    lot.price = priceChanged.price();
                    lot.ask = priceChanged.ask();
                    lot.reserveMet = priceChanged.reserveMet() == BooleanType.TRUE;
                    break;
                }
                case AskChangedDecoder.TEMPLATE_ID:
                {
                    askChanged.wrapAndApplyHeader(buffer, offset, header);
                    final LotView lot = lots.computeIfAbsent(askChanged.lotId(), LotView::new);
                    lot.ask = askChanged.ask();
                    lot.askVersion = askChanged.askVersion();
                    break;
                }
                case FairWarningGivenDecoder.TEMPLATE_ID:
                    fairWarning.wrapAndApplyHeader(buffer, offset, header);
                    lots.computeIfAbsent(fairWarning.lotId(), LotView::new).state = LotState.GOING;
                    break;
                case EndExtendedDecoder.TEMPLATE_ID:
                    endExtended.wrapAndApplyHeader(buffer, offset, header);
                    lots.computeIfAbsent(endExtended.lotId(), LotView::new).endTime = endExtended.endTime();
                    break;
                case LotSoldDecoder.TEMPLATE_ID:
                {
                    lotSold.wrapAndApplyHeader(buffer, offset, header);
                    final LotView lot = lots.computeIfAbsent(lotSold.lotId(), LotView::new);
                    lot.state = LotState.SOLD;
                    lot.leaderId = lotSold.bidderId();
                    lot.price = lotSold.price();
                    closed(lot);
                    break;
                }
                case LotPassedDecoder.TEMPLATE_ID:
                {
                    lotPassed.wrapAndApplyHeader(buffer, offset, header);
                    final LotView lot = lots.computeIfAbsent(lotPassed.lotId(), LotView::new);
                    lot.state = LotState.PASSED;
                    closed(lot);
                    break;
                }
                case LotReopenedDecoder.TEMPLATE_ID:
                {
                    lotReopened.wrapAndApplyHeader(buffer, offset, header);
                    final LotView lot = lots.computeIfAbsent(lotReopened.lotId(), LotView::new);
                    lot.state = LotState.OPEN;
                    lot.leaderId = lotReopened.holderId();
                    lot.price = lotReopened.price();
                    lot.ask = lotReopened.ask();
                    lot.askVersion = lotReopened.askVersion();
                    break;
                }
                default:
                    break;
            }
        }
    }
}
