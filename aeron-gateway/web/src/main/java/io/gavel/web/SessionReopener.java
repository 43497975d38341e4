package io.gavel.web;

import io.gavel.client.GavelCommands;
import org.agrona.CloseHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Reopens the edge's own session with an engine or cluster whose session was lost (the engine stopped, or the
 * cluster ended the session after some seconds with no leader), off the edge thread: opening one waits for the engine
 * (5 s for its ingress, 5 s for its answer) or for a leader (up to three times gavel.cluster.client.timeout.ms), and
 * the edge thread serves every socket of every shard. One daemon thread per lost session
 * ({@code gavel-web-reopen-NAME}) tries until it opens one, pausing a second between attempts that fail at once; the
 * session comes back through a queue the edge thread drains each duty cycle ({@link #drain}), as the
 * {@link ConsoleOpener}'s do. After {@link #close} nothing is handed back: a session opened later closes itself.
 */
final class SessionReopener implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(SessionReopener.class);
    private static final long RETRY_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long CLOSE_WAIT_MILLIS = 1_000;

    /** A session reopened on an engine or cluster; its listener passes nothing on until the edge adopts it. */
    static final class Reopened
    {
        final Upstream upstream;
        final GatedListener listener;
        final GavelCommands session;

        Reopened(final Upstream upstream, final GatedListener listener, final GavelCommands session)
        {
            this.upstream = upstream;
            this.listener = listener;
            this.session = session;
        }
    }

    private final ConcurrentLinkedQueue<Reopened> finished = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    /**
     * Edge thread: starts reopening the edge's session on {@code upstream} with {@code token}; a cluster session
     * calls {@code onLeaderChange} from its poll (on the edge thread, once adopted).
     */
    void reopen(final Upstream upstream, final String token, final Runnable onLeaderChange)
    {
        threads.removeIf(thread -> !thread.isAlive());
        final Thread thread = new Thread(() -> run(upstream, token, onLeaderChange),
            "gavel-web-reopen-" + upstream.name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private void run(final Upstream upstream, final String token, final Runnable onLeaderChange)
    {
        int attempts = 0;
        while (!closed)
        {
            final GatedListener listener = new GatedListener();
            final long started = System.nanoTime();
            try
            {
                final GavelCommands session = upstream.connect(token, listener, true, onLeaderChange);
                LOG.info("{}: the edge's session is open again", upstream.describe());
                hand(new Reopened(upstream, listener, session));
                return;
            }
            catch (final RuntimeException ex)
            {
                attempts++;
                if (attempts == 1 || attempts % 10 == 0)
                {
                    LOG.warn("{}: reopening the edge's session, attempt {} failed: {}", upstream.describe(),
                        attempts, ex.getMessage());
                }
            }
            // An attempt that fails at once (a refusal, no driver) must not spin; a slow one has waited already.
            final long pause = RETRY_PAUSE_NANOS - (System.nanoTime() - started);
            if (pause > 0 && !closed)
            {
                LockSupport.parkNanos(this, pause);
            }
        }
    }

    private void hand(final Reopened reopened)
    {
        finished.add(reopened);
        if (closed)
        {
            // The edge stopped meanwhile: nobody drains any more, so close what is left here.
            drain(this::discard);
        }
    }

    /** Edge thread: hands each reopened session to {@code ready}; returns how many. */
    int drain(final Consumer<Reopened> ready)
    {
        int count = 0;
        Reopened reopened;
        while ((reopened = finished.poll()) != null)
        {
            count++;
            ready.accept(reopened);
        }
        return count;
    }

    private void discard(final Reopened reopened)
    {
        CloseHelper.quietClose(reopened.session);
    }

    /** After the edge thread stopped: no more attempts; waits a moment for those under way, closes what came back. */
    public void close()
    {
        closed = true;
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
        for (final Thread thread : threads)
        {
            LockSupport.unpark(thread);
            try
            {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                break;
            }
        }
        drain(this::discard);
    }
}
