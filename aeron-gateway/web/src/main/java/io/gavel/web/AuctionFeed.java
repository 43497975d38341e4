package io.gavel.web;

import io.gavel.client.AuctionMirror;
import io.gavel.client.GavelCommands;
import io.gavel.sbe.RejectReason;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One auction as the edge serves it: the edge's mirror of the auction (snapshot then events in sequence, resynced
 * on a gap and after its cluster's leader changed), the edge's session with the engine or cluster that holds it, the
 * sockets watching it, and the recent bids a page shows as history. Edge thread only.
 */
final class AuctionFeed
{
    private static final int HISTORY = 60;

    final long auctionId;
    final AuctionMirror mirror;
    /** Where the auction is (its engine, cluster or shard), and the edge's session there (null while reopened). */
    final Upstream upstream;
    private GavelCommands session;
    final List<BrowserSocket> watchers = new ArrayList<>();
    /** Sockets that get the next snapshot: new ones, and all of them after a gap. */
    final List<BrowserSocket> waiting = new ArrayList<>();
    private final ArrayDeque<String> history = new ArrayDeque<>();
    private final String video;
    private boolean syncing;

    AuctionFeed(final long auctionId, final String video, final Upstream upstream, final GavelCommands session)
    {
        this.auctionId = auctionId;
        this.upstream = upstream;
        this.session = session;
        this.mirror = new AuctionMirror(auctionId);
        this.video = video;
    }

    /**
     * Asks for a fresh snapshot; the sockets in {@link #waiting} get it once the mirror is live. With no session
     * (its upstream is being reopened) it waits: {@link #reattach} asks once there is one.
     */
    void sync()
    {
        syncing = true;
        if (session != null)
        {
            mirror.sync(session);
        }
    }

    /** The upstream's session was lost: every watcher waits for the snapshot the next session brings. */
    void detach()
    {
        session = null;
        waiting.addAll(watchers);
        watchers.clear();
        syncing = true;
    }

    /** The upstream is back with a new session: everyone waiting gets a fresh snapshot from it. */
    void reattach(final GavelCommands newSession)
    {
        session = newSession;
        resync();
    }

    /** Every watcher waits for the next snapshot (after a gap, or a leader change that may have lost events). */
    void resync()
    {
        waiting.addAll(watchers);
        watchers.clear();
        sync();
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

    /**
     * An answer on the feed's session while it syncs: once the status request's answer makes the mirror live, the
     * waiting sockets get the snapshot and watch; answered as a resent duplicate (without its lots), it is asked again.
     */
    void onSyncAnswer(final long correlationId, final boolean accepted, final RejectReason reason,
        final long engineSequence, final boolean duplicate)
    {
        if (session == null)
        {
            // Detached (its upstream is being reopened): the mirror still holds the old state, which is not a
            // snapshot to give anyone; the next session's answer is.
            return;
        }
        mirror.onResponse(correlationId, accepted, reason, engineSequence, duplicate);
        if (mirror.gapDetected())
        {
            sync();
        }
        else if (mirror.isLive())
        {
            resynced();
            final ByteBuffer snapshot = snapshot(System.currentTimeMillis());
            for (final BrowserSocket socket : waiting)
            {
                socket.send(snapshot);
                watchers.add(socket);
            }
            waiting.clear();
        }
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
