package io.gavel.gateway;

import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.gavel.core.FrameCheck;
import io.gavel.core.pipeline.CommandSlot;
import io.gavel.core.pipeline.EnginePipeline;
import io.gavel.sbe.ConnectDecoder;
import io.gavel.sbe.DisconnectDecoder;
import io.gavel.sbe.HeartbeatDecoder;
import io.gavel.sbe.MessageHeaderDecoder;
import io.gavel.sbe.MessageHeaderEncoder;
import io.gavel.sbe.RejectReason;
import io.gavel.sbe.Role;
import io.gavel.sbe.TickEncoder;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.TimeUnit;

/**
 * Polls the ingress subscription: checks each frame's SBE header, authenticates its session, stamps the engine time,
 * and claims a ring slot for it. The single producer of the ring: it also injects the ticks that fire deadlines when
 * no traffic flows, and closes sessions that went silent or whose image went away.
 */
public final class IngressAgent implements Agent, FragmentHandler
{
    private final Subscription subscription;
    private final EnginePipeline pipeline;
    private final EpochNanoClock clock;
    private final EngineCounters counters;
    private final BusyReplies busyReplies;
    private final String tokenSecret;
    private final int fragmentLimit;
    private final long tickIntervalNanos;
    private final long sessionTimeoutNanos;
    private final Long2ObjectHashMap<IngressSession> sessions = new Long2ObjectHashMap<>();
    // Frames larger than the MTU arrive in fragments; the assembler hands them over whole (it buffers only then).
    private final FragmentAssembler assembler = new FragmentAssembler(this);
    private final long ratePerSecond;
    private final long rateBurst;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final ConnectDecoder connect = new ConnectDecoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final TickEncoder tick = new TickEncoder();
    private final UnsafeBuffer tickBuffer = new UnsafeBuffer(new byte[64]);
    private final int tickLength = MessageHeaderEncoder.ENCODED_LENGTH + TickEncoder.BLOCK_LENGTH;
    private final java.util.ArrayDeque<Long> goneImages = new java.util.ArrayDeque<>();
    private long lastTickTime;
    private long lastSessionSweep;
    private long lastConnectNanos = Long.MIN_VALUE / 2;
    private long lastHousekeepingNanos;
    private final long connectWindowNanos;

    /** What the ingress knows of a session: who it is, and when it was last heard from. */
    private static final class IngressSession
    {
        long principal;
        Role role;
        long lastSeenNanos;
        /** Token bucket of the per-session rate limit, in commands scaled by 1e9 (one token = 1e9). */
        long tokens;
        long lastRefillNanos;
    }

    public IngressAgent(
        final Subscription subscription,
        final EnginePipeline pipeline,
        final EpochNanoClock clock,
        final EngineCounters counters,
        final EngineConfig config,
        final BusyReplies busyReplies)
    {
        this.busyReplies = busyReplies;
        // Past the egress's own deadline for the connect, so its last check always comes.
        this.connectWindowNanos = 2 * config.egressConnectTimeoutNanos() + 100_000_000L;
        this.subscription = subscription;
        this.pipeline = pipeline;
        this.clock = clock;
        this.counters = counters;
        this.tokenSecret = config.tokenSecret();
        this.fragmentLimit = config.fragmentLimit();
        this.tickIntervalNanos = config.tickIntervalNanos();
        this.sessionTimeoutNanos = config.sessionTimeoutNanos();
        this.ratePerSecond = config.sessionRateLimit();
        this.rateBurst = Math.max(1, config.sessionRateBurst());
        tick.wrapAndApplyHeader(tickBuffer, 0, headerEncoder).correlationId(0);
    }

    public String roleName()
    {
        return "gavel-ingress";
    }

    /** Called by Aeron's conductor thread when a client's image goes away; handled on the agent thread. */
    public void onUnavailableImage(final Image image)
    {
        synchronized (goneImages)
        {
            goneImages.add((long)image.sessionId());
        }
    }

    public int doWork()
    {
        int work = subscription.poll(assembler, fragmentLimit);
        final long now = clock.nanoTime();
        work += injectTickIfDue(now);
        work += housekeepWhileConnecting(now);
        if (now - lastSessionSweep >= TimeUnit.MILLISECONDS.toNanos(100))
        {
            lastSessionSweep = now;
            work += sweepSessions(now);
        }
        return work;
    }

    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header aeronHeader)
    {
        final long sessionId = aeronHeader.sessionId();
        final long now = clock.nanoTime();
        counters.commandsIn.incrementRelease();
        final IngressSession session = sessions.get(sessionId);
        final RejectReason frameReason = FrameCheck.check(buffer, offset, length);
        if (frameReason != null || length > CommandSlot.MAX_COMMAND_LENGTH)
        {
            counters.malformed.incrementRelease();
            if (session != null)
            {
                rejectAtIngress(sessionId, session, FrameCheck.correlationId(buffer, offset, length),
                    frameReason == null ? RejectReason.MALFORMED : frameReason, now);
            }
            return;
        }
        header.wrap(buffer, offset);
        final int templateId = header.templateId();
        if (templateId == ConnectDecoder.TEMPLATE_ID)
        {
            onConnect(sessionId, buffer, offset, length, now);
            return;
        }
        if (session == null)
        {
            // No session, so nowhere to answer: count it and drop it.
            counters.unauthenticated.incrementRelease();
            return;
        }
        session.lastSeenNanos = now;
        if (templateId == HeartbeatDecoder.TEMPLATE_ID)
        {
            return;
        }
        if (templateId == DisconnectDecoder.TEMPLATE_ID)
        {
            closeSession(sessionId, now);
            return;
        }
        if (!withinRate(session, now))
        {
            rejectAtIngress(sessionId, session, FrameCheck.correlationId(buffer, offset, length), RejectReason.RATE_LIMITED, now);
            return;
        }
        final CommandSlot slot = pipeline.tryClaim();
        if (slot == null)
        {
            // The ring is full: refuse at once through the egress's side queue, never waiting for ring space.
            counters.busy.incrementRelease();
            busyReplies.offer(sessionId, FrameCheck.correlationId(buffer, offset, length));
            return;
        }
        slot.kind = CommandSlot.Kind.COMMAND;
        slot.engineTime = now;
        slot.sessionId = sessionId;
        slot.principal = session.principal;
        slot.role = session.role;
        slot.commandTemplateId = templateId;
        slot.commandLength = length;
        slot.command.putBytes(0, buffer, offset, length);
        pipeline.publish();
    }

    private void onConnect(final long sessionId, final DirectBuffer buffer, final int offset, final int length,
        final long now)
    {
        connect.wrapAndApplyHeader(buffer, offset, header);
        final long correlationId = connect.correlationId();
        final String token;
        try
        {
            connect.skipResponseChannel();
            token = connect.token();
            if (connect.limit() > offset + length)
            {
                throw new IndexOutOfBoundsException("connect frame shorter than its data");
            }
        }
        catch (final IndexOutOfBoundsException ex)
        {
            counters.malformed.incrementRelease();
            return;
        }
        lastConnectNanos = now;
        final SessionToken.Verification verification =
            SessionToken.verify(tokenSecret, token, TimeUnit.NANOSECONDS.toMillis(now));
        final CommandSlot slot = claimWaiting();
        slot.kind = CommandSlot.Kind.SESSION;
        slot.engineTime = now;
        slot.sessionId = sessionId;
        slot.correlationId = correlationId;
        slot.commandTemplateId = ConnectDecoder.TEMPLATE_ID;
        slot.commandLength = length;
        slot.command.putBytes(0, buffer, offset, length);
        if (verification.reason == null)
        {
            IngressSession session = sessions.get(sessionId);
            if (session == null)
            {
                session = new IngressSession();
                sessions.put(sessionId, session);
                counters.sessions.incrementRelease();
            }
            session.principal = verification.token.principal();
            session.role = verification.token.role();
            session.lastSeenNanos = now;
            session.tokens = rateBurst * 1_000_000_000L;
            session.lastRefillNanos = now;
            slot.principal = session.principal;
            slot.role = session.role;
        }
        else
        {
            slot.ingressReason = verification.reason;
        }
        pipeline.publish();
    }

    /** Per-session token bucket: {@code gavel.session.rate.limit} commands a second, bursts of the burst size. */
    private boolean withinRate(final IngressSession session, final long now)
    {
        if (ratePerSecond <= 0)
        {
            return true;
        }
        final long cap = rateBurst * 1_000_000_000L;
        final long elapsed = Math.max(0, now - session.lastRefillNanos);
        session.lastRefillNanos = now;
        // Tokens scaled by 1e9: elapsed nanos times commands per second is the refill; cap keeps it from overflowing.
        final long refill = elapsed >= cap ? cap : elapsed * ratePerSecond;
        session.tokens = Math.min(cap, session.tokens + refill);
        if (session.tokens < 1_000_000_000L)
        {
            return false;
        }
        session.tokens -= 1_000_000_000L;
        return true;
    }

    private void closeSession(final long sessionId, final long now)
    {
        if (sessions.remove(sessionId) == null)
        {
            return;
        }
        counters.sessions.decrementRelease();
        final CommandSlot slot = claimWaiting();
        slot.kind = CommandSlot.Kind.SESSION;
        slot.engineTime = now;
        slot.sessionId = sessionId;
        slot.commandTemplateId = DisconnectDecoder.TEMPLATE_ID;
        pipeline.publish();
    }

    private void rejectAtIngress(final long sessionId, final IngressSession session, final long correlationId,
        final RejectReason reason, final long now)
    {
        final CommandSlot slot = pipeline.tryClaim();
        if (slot == null)
        {
            counters.busy.incrementRelease();
            return;
        }
        fillReject(slot, sessionId, session, correlationId, reason, now);
        pipeline.publish();
    }

    private static void fillReject(final CommandSlot slot, final long sessionId, final IngressSession session,
        final long correlationId, final RejectReason reason, final long now)
    {
        slot.kind = CommandSlot.Kind.INGRESS_REJECT;
        slot.engineTime = now;
        slot.sessionId = sessionId;
        slot.principal = session.principal;
        slot.role = session.role;
        slot.correlationId = correlationId;
        slot.ingressReason = reason;
    }

    /** For the rare slots that must not be lost (session changes): wait for the ring to drain. */
    private CommandSlot claimWaiting()
    {
        CommandSlot slot;
        while ((slot = pipeline.tryClaim()) == null)
        {
            if (pipeline.failure() != null)
            {
                throw new IllegalStateException("engine pipeline failed", pipeline.failure());
            }
            Thread.onSpinWait();
        }
        return slot;
    }

    /** While a new session's response channel may still be connecting, give the egress a turn every millisecond. */
    private int housekeepWhileConnecting(final long now)
    {
        if (now - lastConnectNanos > connectWindowNanos || now - lastHousekeepingNanos < 1_000_000)
        {
            return 0;
        }
        final CommandSlot slot = pipeline.tryClaim();
        if (slot == null)
        {
            return 0;
        }
        lastHousekeepingNanos = now;
        slot.kind = CommandSlot.Kind.HOUSEKEEPING;
        slot.engineTime = now;
        pipeline.publish();
        return 1;
    }

    private int injectTickIfDue(final long now)
    {
        if (now < pipeline.nextDeadline() || now - lastTickTime < tickIntervalNanos)
        {
            return 0;
        }
        final CommandSlot slot = pipeline.tryClaim();
        if (slot == null)
        {
            return 0;
        }
        lastTickTime = now;
        slot.kind = CommandSlot.Kind.COMMAND;
        slot.engineTime = now;
        slot.role = Role.ENGINE;
        slot.commandTemplateId = TickEncoder.TEMPLATE_ID;
        slot.commandLength = tickLength;
        slot.command.putBytes(0, tickBuffer, 0, tickLength);
        pipeline.publish();
        counters.ticks.incrementRelease();
        return 1;
    }

    private int sweepSessions(final long now)
    {
        int closed = 0;
        while (true)
        {
            final Long gone;
            synchronized (goneImages)
            {
                gone = goneImages.poll();
            }
            if (gone == null)
            {
                break;
            }
            closeSession(gone, now);
            closed++;
        }
        final Long2ObjectHashMap<IngressSession>.EntryIterator entries = sessions.entrySet().iterator();
        org.agrona.collections.LongArrayList silent = null;
        while (entries.hasNext())
        {
            entries.next();
            if (now - entries.getValue().lastSeenNanos > sessionTimeoutNanos)
            {
                if (silent == null)
                {
                    silent = new org.agrona.collections.LongArrayList();
                }
                silent.addLong(entries.getLongKey());
            }
        }
        if (silent != null)
        {
            for (int i = 0; i < silent.size(); i++)
            {
                closeSession(silent.getLong(i), now);
                closed++;
            }
        }
        return closed;
    }
}
