package io.gavel.core.pipeline;

import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.gavel.core.MatchingCore;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One engine's sequencing pipeline: a single-producer Disruptor ring of {@link CommandSlot}s, consumed first by the
 * business-logic handler (journal, apply, journal events) and then by the egress handler.
 * <p>
 * The producer (the ingress agent) claims a slot with {@link #tryClaim()}, fills it and calls {@link #publish()}.
 * When the ring is full, {@code tryClaim} returns null at once so the ingress can answer BUSY instead of blocking.
 */
public final class EnginePipeline implements AutoCloseable
{
    private final Disruptor<CommandSlot> disruptor;
    private final RingBuffer<CommandSlot> ring;
    private final AtomicLong lastSequence = new AtomicLong();
    private final AtomicLong nextDeadline = new AtomicLong(Long.MAX_VALUE);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong stateHashAtStop = new AtomicLong();
    // Counted down by the business-logic thread once it has stopped: Disruptor.halt() does not wait for that.
    private final CountDownLatch businessStopped = new CountDownLatch(1);
    private long claimed = -1;

    public EnginePipeline(
        final MatchingCore core,
        final CommandJournal journal,
        final EgressPort egress,
        final int ringSize,
        final WaitStrategy waitStrategy,
        final long lastJournaledSequence,
        final ThreadFactory threadFactory)
    {
        this(core, journal, egress, SnapshotPort.NONE, ringSize, waitStrategy, lastJournaledSequence, threadFactory);
    }

    public EnginePipeline(
        final MatchingCore core,
        final CommandJournal journal,
        final EgressPort egress,
        final SnapshotPort snapshots,
        final int ringSize,
        final WaitStrategy waitStrategy,
        final long lastJournaledSequence,
        final ThreadFactory threadFactory)
    {
        lastSequence.set(lastJournaledSequence);
        nextDeadline.set(core.nextDeadline());
        disruptor = new Disruptor<>(CommandSlot::new, ringSize, threadFactory, ProducerType.SINGLE, waitStrategy);
        disruptor.setDefaultExceptionHandler(new HaltOnFailure(failure));
        disruptor
            .handleEventsWith(new BusinessLogicHandler(core, journal, lastJournaledSequence, lastSequence, nextDeadline,
                stateHashAtStop, businessStopped, snapshots))
            .then(new EgressHandler(egress));
        ring = disruptor.start();
    }

    /** Claims the next slot, cleared; null when the ring is full. Single producer: one thread only. */
    public CommandSlot tryClaim()
    {
        if (!ring.hasAvailableCapacity(1))
        {
            return null;
        }
        claimed = ring.next();
        final CommandSlot slot = ring.get(claimed);
        slot.clear();
        return slot;
    }

    /** Publishes the slot claimed last. */
    public void publish()
    {
        ring.publish(claimed);
    }

    /** The engine sequence of the last command applied (visible after its batch ended). */
    public long lastSequence()
    {
        return lastSequence.getAcquire();
    }

    /** The earliest TIMED deadline the core holds, as of its last batch. */
    public long nextDeadline()
    {
        return nextDeadline.getAcquire();
    }

    /** Slots claimed but not yet through the whole pipeline. */
    public long backlog()
    {
        return ring.getBufferSize() - ring.remainingCapacity();
    }

    /** The core's state hash when the pipeline stopped (after {@link #close()}). */
    public long stateHashAtStop()
    {
        return stateHashAtStop.getAcquire();
    }

    /** The failure that halted a handler, or null while healthy. */
    public Throwable failure()
    {
        return failure.get();
    }

    /**
     * Waits for every published slot to pass both handlers, then stops the threads and waits (up to 10 s) until the
     * business-logic thread has stopped, so {@link #stateHashAtStop()} is set when this returns.
     */
    public void close()
    {
        try
        {
            disruptor.shutdown(10, TimeUnit.SECONDS);
        }
        catch (final com.lmax.disruptor.TimeoutException ex)
        {
            disruptor.halt();
        }
        try
        {
            businessStopped.await(10, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** Records the first failure and halts the handler: after a journal or core failure, nothing more is applied. */
    private static final class HaltOnFailure implements ExceptionHandler<Object>
    {
        private final AtomicReference<Throwable> failure;

        HaltOnFailure(final AtomicReference<Throwable> failure)
        {
            this.failure = failure;
        }

        public void handleEventException(final Throwable ex, final long sequence, final Object event)
        {
            // No logger in the core: the engine watches failure() and reports it (gavel engine exits 1).
            failure.compareAndSet(null, ex);
            throw new IllegalStateException("engine pipeline halted at ring sequence " + sequence, ex);
        }

        public void handleOnStartException(final Throwable ex)
        {
            failure.compareAndSet(null, ex);
        }

        public void handleOnShutdownException(final Throwable ex)
        {
            failure.compareAndSet(null, ex);
        }
    }

}
