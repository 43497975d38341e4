package io.gavel.web;

import io.gavel.client.GavelCommands;
import io.gavel.client.GavelListener;
import org.agrona.CloseHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Opens clerk consoles' sessions off the edge thread. Opening a session waits for the engine's or the cluster's
 * answer (up to its connect timeout, several seconds with no leader or no engine), and the edge thread must never
 * wait: it serves every socket. So each engine or cluster the edge fronts gets one daemon thread
 * ({@code gavel-web-console-NAME}, started on the first console, gone after a minute idle) with a bounded queue; a
 * shard that does not answer delays only the consoles of that shard. A finished opening (the session, or why not)
 * comes back through a queue the edge thread drains in its duty cycle ({@link #drain}); the edge thread alone adopts
 * it, or closes it when its socket left meanwhile. After {@link #close} nothing is handed back: whatever is still
 * opening closes its own session when it arrives.
 */
final class ConsoleOpener implements AutoCloseable
{
    /** Consoles waiting to be opened on one engine or cluster, beyond the one being opened. */
    static final int QUEUE = 16;
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleOpener.class);
    private static final long CLOSE_WAIT_MILLIS = 1_000;

    private final EdgeCounters counters;
    private final Map<Upstream, ThreadPoolExecutor> threads = new IdentityHashMap<>();
    private final ConcurrentLinkedQueue<Opening> finished = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    /** One console's session being opened; its fields are set by the opening thread before it is handed back. */
    static final class Opening
    {
        final BrowserSocket socket;
        final Upstream upstream;
        /** Passes nothing on until the edge thread adopts the session: the connect's own answers are not its. */
        final GatedListener listener = new GatedListener();
        private final GavelListener clerk;
        /** Set by the edge thread when the socket leaves: a queued opening is skipped. */
        volatile boolean cancelled;
        GavelCommands session;
        String failure;

        Opening(final BrowserSocket socket, final Upstream upstream, final GavelListener clerk)
        {
            this.socket = socket;
            this.upstream = upstream;
            this.clerk = clerk;
        }

        /** Edge thread: the session is the console's now, and its answers go to the console's listener. */
        void adopt()
        {
            listener.adopt(clerk);
        }
    }

    ConsoleOpener(final EdgeCounters counters)
    {
        this.counters = counters;
    }

    /**
     * Edge thread: starts opening a session for {@code socket} on {@code upstream} with the clerk's {@code token}.
     *
     * @throws RejectedExecutionException when {@link #QUEUE} consoles already wait for that engine or cluster.
     */
    Opening open(final BrowserSocket socket, final Upstream upstream, final String token, final GavelListener listener)
    {
        final Opening opening = new Opening(socket, upstream, listener);
        counters.consolesOpening.incrementAndGet();
        try
        {
            threads.computeIfAbsent(upstream, ConsoleOpener::thread).execute(() -> connect(opening, token));
        }
        catch (final RejectedExecutionException ex)
        {
            counters.consolesOpening.decrementAndGet();
            throw ex;
        }
        return opening;
    }

    private static ThreadPoolExecutor thread(final Upstream upstream)
    {
        final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE), task ->
            {
                final Thread thread = new Thread(task, "gavel-web-console-" + upstream.name);
                thread.setDaemon(true);
                return thread;
            });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /** The opening thread: connect (unless the socket left while queued), then hand it back. */
    private void connect(final Opening opening, final String token)
    {
        if (!opening.cancelled && !closed)
        {
            try
            {
                opening.session = opening.upstream.connect(token, opening.listener, false, () -> { });
                counters.consoleSessions.incrementAndGet();
            }
            catch (final RuntimeException ex)
            {
                opening.failure = opening.upstream.describe() + " did not open the console's session: " +
                    ex.getMessage();
            }
        }
        finished.add(opening);
        if (closed)
        {
            // The edge stopped while this one was opening: nobody drains any more, so close what is left here.
            drain(this::discard);
        }
    }

    /** Edge thread: hands each finished opening to {@code ready}; returns how many. */
    int drain(final Consumer<Opening> ready)
    {
        int count = 0;
        Opening opening;
        while ((opening = finished.poll()) != null)
        {
            count++;
            counters.consolesOpening.decrementAndGet();
            ready.accept(opening);
        }
        return count;
    }

    /** Closes a console session this opener opened (any thread that owns it). */
    void closeSession(final GavelCommands session)
    {
        if (session != null)
        {
            CloseHelper.quietClose(session);
            counters.consoleSessions.decrementAndGet();
        }
    }

    private void discard(final Opening opening)
    {
        closeSession(opening.session);
    }

    /**
     * After the edge thread stopped: no new openings, waits a moment for those under way, and closes every session
     * handed back and not adopted. One still connecting past the wait closes its own session when it arrives.
     */
    public void close()
    {
        closed = true;
        threads.values().forEach(ThreadPoolExecutor::shutdown);
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
        try
        {
            for (final ThreadPoolExecutor executor : threads.values())
            {
                executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        if (threads.values().stream().anyMatch(executor -> !executor.isTerminated()))
        {
            LOG.info("a console session is still opening; it closes itself when it arrives");
        }
        drain(this::discard);
    }
}
