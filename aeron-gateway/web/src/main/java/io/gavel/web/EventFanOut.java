package io.gavel.web;

import io.gavel.sbe.BidAcceptedDecoder;
import org.agrona.DirectBuffer;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * A live feed's new public event, as JSON, to every socket watching the auction: encoded once, queued on each socket,
 * and written once per duty cycle ({@link #flush()}), so the events of one cycle leave a socket in one write. Apart
 * from {@link EdgeBridge} so the bridge reads as routing (tasks, answers, feeds) and the batching has one home. Edge
 * thread only, but for the perf hook.
 */
final class EventFanOut
{
    private final EventJson json = new EventJson();
    private final EdgeCounters counters;
    /** Sockets with fan-out frames batched this duty cycle. */
    private final List<BrowserSocket> batched = new ArrayList<>();
    /** For `gavel perf web`: called with the engine's event sequence when a public event leaves for the sockets. */
    private volatile LongConsumer onFanOut;

    EventFanOut(final EdgeCounters counters)
    {
        this.counters = counters;
    }

    /** Any thread: the perf hook, told each public event's sequence as it leaves. */
    void onFanOut(final LongConsumer hook)
    {
        onFanOut = hook;
    }

    /** {@code feed}'s mirror has just taken the event in {@code buffer} as its next: the watchers get it too. */
    void publish(final AuctionFeed feed, final int templateId, final DirectBuffer buffer, final int offset)
    {
        final String event = json.publicEvent(buffer, offset);
        if (event == null)
        {
            return;
        }
        counters.eventsEncoded.incrementAndGet();
        if (templateId == BidAcceptedDecoder.TEMPLATE_ID)
        {
            feed.remember(event);
        }
        final ByteBuffer frame = AuctionFeed.bytes(event);
        for (int i = feed.watchers.size() - 1; i >= 0; i--)
        {
            final BrowserSocket socket = feed.watchers.get(i);
            if (socket.sendBatched(frame))
            {
                batched.add(socket);
            }
        }
        final LongConsumer hook = onFanOut;
        if (hook != null)
        {
            hook.accept(feed.mirror.eventSequence());
        }
    }

    /**
     * Smart batching: everything this cycle fanned out leaves each socket in one write. Under load the events of a
     * slow cycle pile up in Aeron and go out together next cycle; when quiet, one event each.
     */
    void flush()
    {
        for (int i = 0; i < batched.size(); i++)
        {
            batched.get(i).flushBatch();
        }
        batched.clear();
    }
}
