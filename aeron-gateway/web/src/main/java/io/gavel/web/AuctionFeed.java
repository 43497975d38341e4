package io.gavel.web;

import io.gavel.client.AuctionMirror;
import io.gavel.client.GavelClient;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One auction as the edge serves it: the edge's mirror of the auction (snapshot then events in sequence, resynced
 * on a gap), the sockets watching it, and the recent bids a page shows as history. Edge thread only.
 */
final class AuctionFeed
{
    private static final int HISTORY = 60;

    final long auctionId;
    final AuctionMirror mirror;
    final List<BrowserSocket> watchers = new ArrayList<>();
    /** Sockets that get the next snapshot: new ones, and all of them after a gap. */
    final List<BrowserSocket> waiting = new ArrayList<>();
    private final ArrayDeque<String> history = new ArrayDeque<>();
    private final String video;
    private boolean syncing;

    AuctionFeed(final long auctionId, final String video)
    {
        this.auctionId = auctionId;
        this.mirror = new AuctionMirror(auctionId);
        this.video = video;
    }

    void sync(final GavelClient client)
    {
        mirror.sync(client);
        syncing = true;
    }

    boolean syncing()
    {
        return syncing;
    }

    void remember(final String bidJson)
    {
        history.addLast(bidJson);
        if (history.size() > HISTORY)
        {
            history.removeFirst();
        }
    }

    /** Everyone gets a fresh snapshot when the mirror is live again. */
    void resynced()
    {
        syncing = false;
    }

    /** The page's starting point: every lot's state at {@code seq}, the recent bids, the video. */
    ByteBuffer snapshot(final long nowMillis)
    {
        final StringBuilder out = new StringBuilder(512);
        out.append("{\"t\":\"snapshot\",\"auction\":").append(auctionId)
            .append(",\"seq\":").append(mirror.eventSequence())
            .append(",\"now\":").append(nowMillis)
            .append(",\"video\":").append(EventJson.quote(video))
            .append(",\"lots\":[");
        boolean first = true;
        for (final AuctionMirror.LotView lot : mirror.lots())
        {
            if (!first)
            {
                out.append(',');
            }
            first = false;
            EventJson.lot(out, lot);
        }
        out.append("],\"history\":[").append(String.join(",", history)).append("]}");
        return bytes(out.toString());
    }

    static ByteBuffer bytes(final String json)
    {
        return ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
    }
}
