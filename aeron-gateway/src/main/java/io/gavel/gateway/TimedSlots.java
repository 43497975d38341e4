package io.gavel.gateway;

import io.gavel.core.pipeline.CommandSlot;
import io.gavel.core.pipeline.EnginePipeline;
import io.gavel.sbe.MessageHeaderEncoder;
import io.gavel.sbe.Role;
import io.gavel.sbe.TickEncoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The slots the ingress publishes on its own account when they are due, carrying no client's frame: a Tick, so the
 * core fires its deadlines when no traffic flows, and a HOUSEKEEPING turn, so the egress sends queued refusals and
 * connects new sessions' response channels when no command gives it one. Apart from {@link IngressAgent} so the agent
 * reads as the handling of client frames; it runs on the agent's thread, the ring's single producer, and allocates
 * nothing.
 */
final class TimedSlots
{
    private final EnginePipeline pipeline;
    private final EngineCounters counters;
    private final long tickIntervalNanos;
    private final long connectWindowNanos;
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final TickEncoder tick = new TickEncoder();
    private final UnsafeBuffer tickBuffer = new UnsafeBuffer(new byte[64]);
    private final int tickLength = MessageHeaderEncoder.ENCODED_LENGTH + TickEncoder.BLOCK_LENGTH;
    private long lastTickTime;
    private long lastConnectNanos = Long.MIN_VALUE / 2;
    private long lastHousekeepingNanos;
    private boolean repliesQueued;

    /**
     * @param connectWindowNanos how long after a Connect the egress gets a turn every millisecond (its response
     *     channel may still be connecting).
     */
    TimedSlots(final EnginePipeline pipeline, final EngineCounters counters, final long tickIntervalNanos,
        final long connectWindowNanos)
    {
        this.pipeline = pipeline;
        this.counters = counters;
        this.tickIntervalNanos = tickIntervalNanos;
        this.connectWindowNanos = connectWindowNanos;
        tick.wrapAndApplyHeader(tickBuffer, 0, headerEncoder).correlationId(0);
    }

    /** A refusal went to the egress's reply queue: it gets a turn even when no command follows. */
    void onReplyQueued()
    {
        repliesQueued = true;
    }

    /** A Connect was sequenced at {@code now}: the egress gets a turn every millisecond for a while. */
    void onConnect(final long now)
    {
        lastConnectNanos = now;
    }

    /** Publishes whichever of the egress's turn and the tick are due; returns the slots published. */
    int publishDue(final long now)
    {
        int work = letEgressAnswer(now);
        work += injectTickIfDue(now);
        work += housekeepWhileConnecting(now);
        return work;
    }

    /** Refusals were queued: give the egress a turn so they leave even when no command follows them. */
    private int letEgressAnswer(final long now)
    {
        if (!repliesQueued)
        {
            return 0;
        }
        repliesQueued = false;
        // If the ring is full the egress is busy and drains the queue at the end of its batch anyway.
        return housekeeping(now);
    }

    /** While a new session's response channel may still be connecting, give the egress a turn every millisecond. */
    private int housekeepWhileConnecting(final long now)
    {
        if (now - lastConnectNanos > connectWindowNanos || now - lastHousekeepingNanos < 1_000_000)
        {
            return 0;
        }
        return housekeeping(now);
    }

    private int housekeeping(final long now)
    {
        if (claim(CommandSlot.Kind.HOUSEKEEPING, now) == null)
        {
            return 0;
        }
        lastHousekeepingNanos = now;
        pipeline.publish();
        return 1;
    }

    private int injectTickIfDue(final long now)
    {
        if (now < pipeline.nextDeadline() || now - lastTickTime < tickIntervalNanos)
        {
            return 0;
        }
        final CommandSlot slot = claim(CommandSlot.Kind.COMMAND, now);
        if (slot == null)
        {
            return 0;
        }
        lastTickTime = now;
        slot.role = Role.ENGINE;
        slot.commandTemplateId = TickEncoder.TEMPLATE_ID;
        slot.commandLength = tickLength;
        slot.command.putBytes(0, tickBuffer, 0, tickLength);
        pipeline.publish();
        counters.ticks.incrementRelease();
        return 1;
    }

    /** A slot of this kind at this engine time, or null when the ring is full (the next duty cycle tries again). */
    private CommandSlot claim(final CommandSlot.Kind kind, final long now)
    {
        final CommandSlot slot = pipeline.tryClaim();
        if (slot != null)
        {
            slot.kind = kind;
            slot.engineTime = now;
        }
        return slot;
    }
}
