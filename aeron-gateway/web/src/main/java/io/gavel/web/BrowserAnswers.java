package io.gavel.web;

import io.gavel.sbe.RejectReason;

import java.util.HashMap;
import java.util.Map;

/**
 * The browser requests sent on as commands and not yet answered: each command's answer goes back, as JSON, to the
 * socket that asked and only to it, once. Apart from {@link EdgeBridge} so who asked what is kept in one place for
 * the edge session and every clerk console alike. Edge thread only.
 */
final class BrowserAnswers
{
    /** Asks the engine again for a bidder's limit and exposure, which an accepted bid or maximum changed. */
    @FunctionalInterface
    interface LimitRequest
    {
        void askLimit(long auctionId, long bidderId);
    }

    /** Who asked, so the engine's answer goes back to that socket only; where it was sent on the edge's session. */
    private record Answer(BrowserSocket socket, String action, long requestId, Upstream upstream)
    {
    }

    private final Map<Long, Answer> answers = new HashMap<>();
    private final LimitRequest limits;

    BrowserAnswers(final LimitRequest limits)
    {
        this.limits = limits;
    }

    /** The command {@code correlationId} was sent for {@code socket}'s request {@code requestId}. */
    void expect(final long correlationId, final BrowserSocket socket, final String action, final long requestId)
    {
        expect(correlationId, socket, action, requestId, null);
    }

    /** The command {@code correlationId} was sent on the edge's own session with {@code upstream}. */
    void expect(final long correlationId, final BrowserSocket socket, final String action, final long requestId,
        final Upstream upstream)
    {
        answers.put(correlationId, new Answer(socket, action, requestId, upstream));
    }

    /**
     * The edge's session with {@code upstream} was lost with these commands unanswered: each socket hears that its
     * answer is lost (the command may or may not have been taken; the snapshot the next session brings shows).
     */
    void abandon(final Upstream upstream, final String why)
    {
        final var lost = answers.values().iterator();
        while (lost.hasNext())
        {
            final Answer answer = lost.next();
            if (answer.upstream == upstream)
            {
                lost.remove();
                answer.socket.error(answer.action, answer.requestId, "upstream_lost", why + ": this " +
                    answer.action + " was sent but its answer is lost; it may or may not have been taken, the " +
                    "snapshot sent once it is back shows the lot");
            }
        }
    }

    /** The engine answered {@code correlationId}: the socket that asked hears it (answers to others are not ours). */
    void answer(final long correlationId, final boolean accepted, final RejectReason reason)
    {
        final Answer answer = answers.remove(correlationId);
        if (answer != null)
        {
            if (accepted && answer.socket.isBidder() && ("bid".equals(answer.action) || "max".equals(answer.action)))
            {
                limits.askLimit(answer.socket.auctionId, answer.socket.principal);
            }
            answer.socket.send("{\"t\":\"answer\",\"id\":" + answer.requestId + ",\"action\":\"" + answer.action +
                "\",\"ok\":" + accepted + ",\"reason\":" + (accepted ? "null" : "\"" + reason + "\"") + "}");
        }
    }
}
