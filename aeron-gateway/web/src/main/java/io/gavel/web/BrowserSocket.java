package io.gavel.web;

import io.gavel.gateway.SessionToken;
import io.gavel.sbe.RejectReason;
import io.gavel.sbe.Role;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One browser's socket. Its first message must be {@code hello} with a signed token and an auction; every message
 * after is checked (shape, action, rate, token expiry) before anything reaches the edge's Aeron thread. Outgoing
 * frames are queued without blocking; a socket that lets more than {@code gavel.web.socket.max.pending} pile up is
 * dropped and counted, so it never slows the others.
 */
public final class BrowserSocket implements Session.Listener.AutoDemanding
{
    /** Close codes the pages show: policy (bad origin, token, flood, too slow), 1009 too big. */
    static final int POLICY = StatusCode.POLICY_VIOLATION;
    private static final int FLOOD_CLOSE_AFTER = 50;

    private final EdgeBridge bridge;
    private final WebSettings settings;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Session session;
    private volatile boolean closed;
    // Set once by hello, on the socket's own (Jetty) thread; read by the edge thread afterwards.
    volatile long principal;
    volatile Role role;
    volatile long auctionId;
    private long expiryMillis;
    private double tokens;
    private long lastRefillNanos = System.nanoTime();
    private int limitedInARow;
    /** Edge thread only: frames were batched since this socket's last flush. */
    private boolean batchWaiting;

    BrowserSocket(final EdgeBridge bridge, final WebSettings settings)
    {
        this.bridge = bridge;
        this.settings = settings;
        this.tokens = settings.burst;
    }

    boolean isBidder()
    {
        return role == Role.BIDDER;
    }

    public void onWebSocketOpen(final Session session)
    {
        this.session = session;
        if (bridge.counters.socketsOpen.incrementAndGet() > settings.maxSockets)
        {
            close(StatusCode.TRY_AGAIN_LATER, "the edge is full");
        }
    }

    public void onWebSocketText(final String text)
    {
        if (closed)
        {
            return;
        }
        final BrowserRequest request;
        try
        {
            request = BrowserRequest.parse(text);
        }
        catch (final BrowserRequest.Malformed ex)
        {
            bridge.counters.malformed.incrementAndGet();
            error(null, "malformed", ex.getMessage());
            return;
        }
        final String action = request.action();
        if (action == null)
        {
            bridge.counters.malformed.incrementAndGet();
            error(null, "malformed", "'action' must be a string");
            return;
        }
        if (role == null)
        {
            if (!"hello".equals(action))
            {
                error(action, "not_identified", "send hello with your token first");
                return;
            }
            hello(request);
            return;
        }
        if (System.currentTimeMillis() >= expiryMillis)
        {
            bridge.counters.tokenRefused.incrementAndGet();
            close(POLICY, "token expired");
            return;
        }
        if (!takeToken())
        {
            bridge.counters.rateLimited.incrementAndGet();
            if (++limitedInARow >= FLOOD_CLOSE_AFTER)
            {
                bridge.counters.floodClosed.incrementAndGet();
                close(POLICY, "flooding: more than " + settings.rate + " messages a second");
                return;
            }
            error(action, "rate_limited", "at most " + settings.rate + " messages a second");
            return;
        }
        limitedInARow = 0;
        try
        {
            bridge.command(this, request, action);
        }
        catch (final BrowserRequest.Malformed ex)
        {
            bridge.counters.malformed.incrementAndGet();
            error(action, "malformed", ex.getMessage());
        }
    }

    public void onWebSocketBinary(final ByteBuffer payload, final Callback callback)
    {
        callback.succeed();
        error(null, "malformed", "send JSON text frames");
    }

    private void hello(final BrowserRequest request)
    {
        final String token;
        final long auction;
        try
        {
            token = request.text("token");
            auction = request.number("auction");
        }
        catch (final BrowserRequest.Malformed ex)
        {
            error("hello", "malformed", ex.getMessage());
            return;
        }
        final SessionToken.Verification verification =
            SessionToken.verify(settings.secret, token, System.currentTimeMillis());
        if (verification.token == null)
        {
            bridge.counters.tokenRefused.incrementAndGet();
            close(POLICY, verification.reason == RejectReason.TOKEN_EXPIRED ? "token expired" : "invalid token");
            return;
        }
        final Role tokenRole = verification.token.role();
        if (tokenRole != Role.BIDDER && tokenRole != Role.CLERK && tokenRole != Role.AUCTIONEER &&
            tokenRole != Role.ADMIN)
        {
            bridge.counters.tokenRefused.incrementAndGet();
            close(POLICY, "a " + tokenRole + " token cannot use the web pages");
            return;
        }
        final String unplaced = bridge.unplaced(auction);
        if (unplaced != null)
        {
            // The socket stays unidentified: the page shows why, and may say hello for another auction.
            error("hello", "unknown_auction", unplaced);
            return;
        }
        principal = verification.token.principal();
        expiryMillis = verification.token.expiryMillis();
        auctionId = auction;
        role = tokenRole;
        bridge.join(this, verification.token, token);
    }

    private boolean takeToken()
    {
        final long now = System.nanoTime();
        tokens = Math.min(settings.burst, tokens + (now - lastRefillNanos) * settings.rate / 1e9);
        lastRefillNanos = now;
        if (tokens >= 1)
        {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Queues a frame (shared, read-only) without blocking; drops this socket if it is too far behind. */
    void send(final ByteBuffer frame)
    {
        final Session s = session;
        if (closed || s == null)
        {
            return;
        }
        if (pending.incrementAndGet() > settings.maxPending)
        {
            bridge.counters.slowDropped.incrementAndGet();
            close(POLICY, "too slow: more than " + settings.maxPending + " messages waiting");
            return;
        }
        bridge.counters.framesSent.incrementAndGet();
        // Binary frames of UTF-8 JSON: the one encoded buffer is shared by every socket (a read-only view each).
        s.sendBinary(frame.duplicate(), Callback.from(pending::decrementAndGet, failure -> pending.decrementAndGet()));
    }

    /**
     * Fan-out (edge thread): queues the frame in Jetty's per-socket batch instead of writing it now; the edge flushes
     * every batched socket once per duty cycle ({@link #flushBatch()}), so events that arrive together leave a socket
     * in one write, not one system call each. Returns true when this socket had nothing batched before (the caller
     * remembers it for the flush).
     */
    boolean sendBatched(final ByteBuffer frame)
    {
        final Session s = session;
        if (closed || !(s instanceof WebSocketSession))
        {
            send(frame);
            return false;
        }
        if (pending.incrementAndGet() > settings.maxPending)
        {
            bridge.counters.slowDropped.incrementAndGet();
            close(POLICY, "too slow: more than " + settings.maxPending + " messages waiting");
            return false;
        }
        bridge.counters.framesSent.incrementAndGet();
        ((WebSocketSession)s).getCoreSession().sendFrame(new Frame(OpCode.BINARY, true, frame.duplicate()),
            org.eclipse.jetty.util.Callback.from(pending::decrementAndGet, failure -> pending.decrementAndGet()), true);
        final boolean first = !batchWaiting;
        batchWaiting = true;
        return first;
    }

    /** Writes what {@link #sendBatched} queued (edge thread). */
    void flushBatch()
    {
        batchWaiting = false;
        final Session s = session;
        if (!closed && s instanceof WebSocketSession)
        {
            ((WebSocketSession)s).getCoreSession().flush(org.eclipse.jetty.util.Callback.NOOP);
        }
    }

    void send(final String json)
    {
        send(AuctionFeed.bytes(json));
    }

    void error(final String action, final String code, final String message)
    {
        send("{\"t\":\"error\",\"action\":" + (action == null ? "null" : EventJson.quote(action)) +
            ",\"code\":" + EventJson.quote(code) + ",\"message\":" + EventJson.quote(message) + "}");
    }

    /** An error that answers the socket's request {@code requestId} (a command refused before it was sent). */
    void error(final String action, final long requestId, final String code, final String message)
    {
        send("{\"t\":\"error\",\"action\":" + EventJson.quote(action) + ",\"id\":" + requestId +
            ",\"code\":" + EventJson.quote(code) + ",\"message\":" + EventJson.quote(message) + "}");
    }

    void close(final int code, final String reason)
    {
        final Session s = session;
        if (!closed && s != null)
        {
            closed = true;
            s.close(code, reason, Callback.NOOP);
        }
    }

    public void onWebSocketClose(final int statusCode, final String reason)
    {
        closed = true;
        bridge.counters.socketsOpen.decrementAndGet();
        bridge.leave(this);
    }

    public void onWebSocketError(final Throwable cause)
    {
        closed = true;
    }
}
