package io.gavel.web;

import io.gavel.client.GavelClientException;
import io.gavel.client.GavelCommands;
import io.gavel.client.GavelListener;
import io.gavel.sbe.RejectReason;
import org.eclipse.jetty.websocket.api.StatusCode;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The clerk consoles on the edge: each has a session of its own on its auction's engine or cluster, with the clerk's
 * token, so the engine checks the clerk's scope as for any clerk. A console's session is opened by the
 * {@link ConsoleOpener}, never on the edge thread; until it is open the console is told it is connecting and its
 * commands are refused (not held: a hammer or pass that lands seconds late, after the room moved on, is worse than a
 * refusal the clerk sees). Edge thread only, {@link #close} excepted (after the edge thread stopped).
 */
final class ClerkConsoles implements AutoCloseable
{
    private final EdgeCounters counters;
    private final BrowserAnswers answers;
    private final Consumer<BrowserSocket> watch;
    private final ConsoleOpener opener;
    private final Map<BrowserSocket, GavelCommands> open = new IdentityHashMap<>();
    /** Where each open console's session is, to say why it was lost. */
    private final Map<BrowserSocket, Upstream> where = new IdentityHashMap<>();
    private final Map<BrowserSocket, ConsoleOpener.Opening> opening = new IdentityHashMap<>();

    /** {@code watch} gives a console whose session opened its welcome and the auction's snapshot. */
    ClerkConsoles(final EdgeCounters counters, final BrowserAnswers answers, final Consumer<BrowserSocket> watch)
    {
        this.counters = counters;
        this.answers = answers;
        this.watch = watch;
        this.opener = new ConsoleOpener(counters);
    }

    /**
     * A console said hello: its session starts opening off this thread, and the socket hears
     * {@code {"t":"console","state":"connecting"}} now, {@code welcome} and the snapshot once it is open.
     */
    void open(final BrowserSocket socket, final Upstream upstream, final String token)
    {
        try
        {
            opening.put(socket, opener.open(socket, upstream, token, new ClerkListener()));
        }
        catch (final RejectedExecutionException ex)
        {
            unavailable(socket, ConsoleOpener.QUEUE + " consoles already wait for " + upstream.describe() +
                " to open their sessions");
            return;
        }
        socket.send("{\"t\":\"console\",\"state\":\"connecting\",\"message\":" + EventJson.quote(
            "connecting to " + upstream.describe() + "; the console's commands are refused until it is connected") +
            "}");
    }

    /** Adopts the sessions opened since the last cycle, then polls every open console; returns the work done. */
    int poll()
    {
        int work = opener.drain(this::opened);
        List<BrowserSocket> lost = null;
        for (final Map.Entry<BrowserSocket, GavelCommands> console : open.entrySet())
        {
            String why = null;
            try
            {
                work += console.getValue().poll();
                if (console.getValue().isSessionLost())
                {
                    why = where.get(console.getKey()).lostReason();
                }
            }
            catch (final RuntimeException ex)
            {
                why = ex.getMessage();
            }
            if (why != null)
            {
                // A cluster session the cluster ended (no leader for some seconds) or an engine that stopped: the
                // session never reconnects on this thread, so the console is told and closed; its page reconnects
                // and opens a new one off this thread.
                unavailable(console.getKey(), "the console's session was lost: " + why);
                lost = lost == null ? new ArrayList<>() : lost;
                lost.add(console.getKey());
            }
        }
        if (lost != null)
        {
            lost.forEach(this::forget);
        }
        return work;
    }

    /** A session opened, or failed: adopt it, or tell the clerk why; close it if its socket left meanwhile. */
    private void opened(final ConsoleOpener.Opening done)
    {
        final BrowserSocket socket = done.socket;
        if (opening.get(socket) != done)
        {
            if (done.session != null)
            {
                counters.consolesAbandoned.incrementAndGet();
                opener.closeSession(done.session);
            }
            return;
        }
        opening.remove(socket);
        if (done.session == null)
        {
            unavailable(socket, done.failure);
            return;
        }
        done.adopt();
        open.put(socket, done.session);
        where.put(socket, done.upstream);
        watch.accept(socket);
    }

    /** The clerk is told why, then the socket closes "try again later": the page reconnects, and so opens it again. */
    private void unavailable(final BrowserSocket socket, final String why)
    {
        counters.consoleFailures.incrementAndGet();
        socket.error("hello", "console_unavailable", why);
        socket.close(StatusCode.TRY_AGAIN_LATER, "console unavailable, retrying");
    }

    /** Sends a console's command with its own session, or refuses it while the session is not open. */
    void send(final BrowserSocket socket, final ClerkAction command, final String action, final long requestId)
    {
        final GavelCommands session = open.get(socket);
        if (session != null)
        {
            try
            {
                answers.expect(command.send(session), socket, action, requestId);
            }
            catch (final GavelClientException ex)
            {
                // An engine that stopped fails the send at once (the next poll then closes the console).
                socket.error(action, requestId, "upstream_unavailable", where.get(socket).describe() +
                    " did not take the " + action + ": " + ex.getMessage() + "; nothing was sent");
            }
        }
        else if (opening.containsKey(socket))
        {
            socket.error(action, "connecting", "the console is still connecting to the engine; nothing was sent, " +
                "try again once it is connected");
        }
        else
        {
            socket.error(action, "console_unavailable", "this console has no session with the engine; reload the " +
                "page");
        }
    }

    /** A socket closed: its session closes now, or when it arrives if it is still opening. */
    void leave(final BrowserSocket socket)
    {
        final ConsoleOpener.Opening left = opening.remove(socket);
        if (left != null)
        {
            // Skipped if still queued; if already connecting, opened() closes its session when it arrives.
            left.cancelled = true;
        }
        forget(socket);
    }

    private void forget(final BrowserSocket socket)
    {
        where.remove(socket);
        opener.closeSession(open.remove(socket));
    }

    /** After the edge thread stopped: stops the opener (closing what it hands back) and every open session. */
    public void close()
    {
        opener.close();
        opening.values().forEach(pending -> pending.cancelled = true);
        opening.clear();
        open.values().forEach(opener::closeSession);
        open.clear();
        where.clear();
    }

    /** A console's own session: only its answers come back here. */
    private final class ClerkListener implements GavelListener
    {
        public void onResponse(final long correlationId, final boolean accepted, final RejectReason reason,
            final long engineSequence, final boolean duplicate)
        {
            answers.answer(correlationId, accepted, reason);
        }
    }
}
