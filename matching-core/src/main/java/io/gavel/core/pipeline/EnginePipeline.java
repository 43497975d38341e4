package io.gavel.core.pipeline;

import com.lmax.disruptor.EventPoller;
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
 * <p>
 * Two ways to run the handlers, the same slots, handlers and order either way (so the same journal bytes and state):
 * on two threads of their own (the constructors: one Disruptor thread per handler, the staged layout), or on the
 * producer's own thread ({@link #onCallerThread}: two {@link EventPoller}s that {@link #drain()} runs, business then
 * egress, the low-core layout, where a bid is never handed from one thread to another). There the ring can never
 * stay full: {@link #tryClaim()} drains it first.
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
    // The single-thread layout only (null with Disruptor threads): the pollers and their steps, allocated once.
    private final EventPoller<CommandSlot> businessPoller;
    private final EventPoller<CommandSlot> egressPoller;
    private final EventPoller.Handler<CommandSlot> businessStep;
    private final EventPoller.Handler<CommandSlot> egressStep;
    private final BusinessLogicHandler business;
    private boolean halted;
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
        business = new BusinessLogicHandler(core, journal, lastJournaledSequence, lastSequence, nextDeadline,
            stateHashAtStop, businessStopped, snapshots);
        final EgressHandler egressHandler = new EgressHandler(egress);
        if (threadFactory == null)
        {
            disruptor = null;
            ring = RingBuffer.createSingleProducer(CommandSlot::new, ringSize, waitStrategy);
            businessPoller = ring.newPoller();
            // The egress sees a slot only once the business handler is done with it, and the producer never
            // overwrites a slot the egress has not handed on.
            egressPoller = ring.newPoller(businessPoller.getSequence());
            ring.addGatingSequences(egressPoller.getSequence());
            businessStep = (slot, sequence, endOfBatch) ->
            {
                business.onEvent(slot, sequence, endOfBatch);
                return true;
            };
            egressStep = (slot, sequence, endOfBatch) ->
            {
                egressHandler.onEvent(slot, sequence, endOfBatch);
                return true;
            };
            return;
        }
        businessPoller = null;
        egressPoller = null;
        businessStep = null;
        egressStep = null;
        disruptor = new Disruptor<>(CommandSlot::new, ringSize, threadFactory, ProducerType.SINGLE, waitStrategy);
        disruptor.setDefaultExceptionHandler(new HaltOnFailure(failure));
        disruptor.handleEventsWith(business).then(egressHandler);
        ring = disruptor.start();
    }

    /**
     * A pipeline whose handlers run on the producer's thread: no thread of its own. The producer calls
     * {@link #drain()} in its duty cycle (and {@link #tryClaim()} does when the ring is full); {@link #close()} drains
     * what is left on the closing thread, once the producer's thread has stopped.
     */
    public static EnginePipeline onCallerThread(
        final MatchingCore core,
        final CommandJournal journal,
        final EgressPort egress,
        final SnapshotPort snapshots,
        final int ringSize,
        final long lastJournaledSequence)
    {
        // The wait strategy is never waited on: no thread blocks on this ring's sequence barriers.
        return new EnginePipeline(core, journal, egress, snapshots, ringSize,
            new com.lmax.disruptor.BusySpinWaitStrategy(), lastJournaledSequence, null);
    }

    /** Whether the handlers run on the producer's thread ({@link #onCallerThread}). */
    public boolean runsOnCallerThread()
    {
        return disruptor == null;
    }

    /**
     * Single-thread layout: runs the business handler over every published slot, then the egress handler over every
     * slot the business handler has done (each poller's batch ends as a Disruptor thread's would: journal end of
     * batch, last sequence, next deadline). Returns the slots handed on; 0 with Disruptor threads or after a failure.
     * A handler's failure is recorded ({@link #failure()}) and nothing more is applied or sent, as with threads.
     */
    public int drain()
    {
        if (disruptor != null || halted)
        {
            return 0;
        }
        final long before = egressPoller.getSequence().get();
        try
        {
            businessPoller.poll(businessStep);
            egressPoller.poll(egressStep);
        }
        catch (final Throwable ex)
        {
            // No logger in the core: the engine watches failure() and reports it (gavel engine exits 1).
            halted = true;
            failure.compareAndSet(null, ex);
            return 0;
        }
        return (int)(egressPoller.getSequence().get() - before);
    }

    /**
     * Claims the next slot, cleared; null when the ring is full. Single producer: one thread only. On the caller's
     * thread a full ring is drained first, so null there means the pipeline has failed.
     */
    public CommandSlot tryClaim()
    {
        if (!ring.hasAvailableCapacity(1))
        {
            drain();
            if (!ring.hasAvailableCapacity(1))
            {
                return null;
            }
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
     * Waits for every published slot to pass both handlers (on the caller's thread: drains them here, after the
     * producer's thread has stopped), then stops the threads and waits (up to 10 s) until the
     * business-logic thread has stopped, so {@link #stateHashAtStop()} is set when this returns.
     */
    public void close()
    {
        if (disruptor == null)
        {
            drain();
            business.onShutdown();
            return;
        }
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
