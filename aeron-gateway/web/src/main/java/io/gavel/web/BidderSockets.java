package io.gavel.web;

import io.gavel.sbe.BidderStatusDecoder;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each bidder's sockets on this edge: private notices ({@code outbid}, {@code won}, {@code settled}) and the limit
 * line go to the sockets of the bidder they name, never another's. Edge thread only.
 */
final class BidderSockets
{
    private final Map<Long, List<BrowserSocket>> byBidder = new HashMap<>();

    void add(final BrowserSocket socket)
    {
        byBidder.computeIfAbsent(socket.principal, k -> new ArrayList<>()).add(socket);
    }

    void remove(final BrowserSocket socket)
    {
        final List<BrowserSocket> own = byBidder.get(socket.principal);
        if (own != null && own.remove(socket) && own.isEmpty())
        {
            byBidder.remove(socket.principal);
        }
    }

    /** Whether the bidder has a socket here (only then is its limit worth asking for). */
    boolean has(final long bidderId)
    {
        return byBidder.containsKey(bidderId);
    }

    /** A notice to every socket of the bidder, whatever auction the socket watches. */
    void send(final long bidderId, final String json)
    {
        final List<BrowserSocket> own = byBidder.get(bidderId);
        if (own != null)
        {
            final ByteBuffer frame = AuctionFeed.bytes(json);
            for (final BrowserSocket socket : own)
            {
                socket.send(frame);
            }
        }
    }

    /** The bidder's sockets on that auction get {@code limit} (null = none) and {@code left} (never below 0). */
    void limit(final BidderStatusDecoder event)
    {
        final List<BrowserSocket> own = byBidder.get(event.bidderId());
        if (own == null)
        {
            return;
        }
        final long limit = event.biddingLimit();
        final String limitJson = limit == 0 ? "null" : String.valueOf(limit);
        final ByteBuffer frame = AuctionFeed.bytes("{\"t\":\"limit\",\"auction\":" + event.auctionId() +
            ",\"bidder\":" + event.bidderId() + ",\"limit\":" + limitJson + ",\"exposure\":" +
            event.exposure() + ",\"left\":" + (limit == 0 ? "null" : String.valueOf(
            Math.max(0, limit - event.exposure()))) + "}");
        for (final BrowserSocket socket : own)
        {
            if (socket.auctionId == event.auctionId())
            {
                socket.send(frame);
            }
        }
    }
}
