package io.gavel.gateway;

import io.aeron.ControlledFragmentAssembler;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.logbuffer.ControlledFragmentHandler;
import io.aeron.logbuffer.Header;
import io.gavel.protocol.CommandValidator;
import io.gavel.protocol.FrameCheck;
import io.gavel.core.pipeline.CommandSlot;
import io.gavel.core.pipeline.EnginePipeline;
import io.gavel.sbe.ConnectDecoder;
import io.gavel.sbe.DisconnectDecoder;
import io.gavel.sbe.HeartbeatDecoder;
import io.gavel.sbe.MessageHeaderDecoder;
import io.gavel.sbe.RejectReason;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;

import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

/**
 * Polls the ingress subscription: validates each frame whole ({@link CommandValidator}) before anything decodes or
 * journals it, authenticates its session, stamps the engine time, and claims a ring slot for it. Every command frame
 * of a bound session gets exactly one answer: refusals that need no sequencing go through {@link IngressReplies},
 * never through the ring, and when even that queue is full the frame is left on the subscription to be polled again
 * (back pressure on the sender, never silence). After a restart, frames at or below the position the journal already
 * holds for their image are skipped, so nothing is sequenced twice. The single producer of the ring: it also injects
 * the ticks that fire deadlines when no traffic flows, and closes sessions that went silent or whose image went away.
 */
public final class IngressAgent implements Agent, ControlledFragmentHandler
{
    private final Subscription subscription;
    private final EnginePipeline pipeline;
    private final EpochNanoClock clock;
    private final EngineCounters counters;
    private final IngressReplies replies;
    private final ResponseChannels responseChannels;
    private final Long2LongHashMap journaledPositions;
    private final String tokenSecret;
    private final int fragmentLimit;
    private final long sessionTimeoutNanos;
    private final IngressSessions sessions;
    // Frames larger than the MTU arrive in fragments; the assembler hands them over whole (it buffers only then).
    private final ControlledFragmentAssembler assembler = new ControlledFragmentAssembler(this);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final ConnectDecoder connect = new ConnectDecoder();
    private final TimedSlots timedSlots;
    private final java.util.ArrayDeque<Long> goneImages = new java.util.ArrayDeque<>();
    private long lastSessionSweep;

    /**
     * @param journaledPositions for each source image (see {@link #sourceKey}), the highest stream position of a
     *     command the journal already holds; a missing key reads as -1.
     */
    public IngressAgent(
        final Subscription subscription,
        final EnginePipeline pipeline,
        final EpochNanoClock clock,
        final EngineCounters counters,
        final EngineConfig config,
        final IngressReplies replies,
        final SessionBindings bindings,
        final Long2LongHashMap journaledPositions)
    {
        this.replies = replies;
        this.journaledPositions = journaledPositions;
        this.responseChannels = new ResponseChannels(config.sessionResponseHosts());
        this.subscription = subscription;
        this.pipeline = pipeline;
        this.clock = clock;
        this.counters = counters;
        this.tokenSecret = config.tokenSecret();
        this.fragmentLimit = config.fragmentLimit();
        this.sessionTimeoutNanos = config.sessionTimeoutNanos();
        this.sessions = new IngressSessions(bindings, counters, config.sessionRateLimit(), config.sessionRateBurst());
        // The connect window runs past the egress's own deadline for the connect, so its last check always comes.
        this.timedSlots = new TimedSlots(pipeline, counters, config.tickIntervalNanos(),
            2 * config.egressConnectTimeoutNanos() + 100_000_000L);
    }

    /** One key per publication image: Aeron session id and initial term id, which a re-created image keeps. */
    public static long sourceKey(final int aeronSessionId, final int initialTermId)
    {
        return ((long)aeronSessionId << 32) | (initialTermId & 0xFFFF_FFFFL);
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
        int work = sessions.applyBindings();
        work += subscription.controlledPoll(assembler, fragmentLimit);
        final long now = clock.nanoTime();
        work += timedSlots.publishDue(now);
        if (now - lastSessionSweep >= TimeUnit.MILLISECONDS.toNanos(100))
        {
            lastSessionSweep = now;
            work += sweepSessions(now);
        }
        // Layout low-core: what was just sequenced is journaled, applied and answered on this thread (else 0).
        work += pipeline.drain();
        return work;
    }

    /**
     * On the agent's thread as it stops: layout low-core journals, applies and answers what is still in the ring here,
     * on the thread the journal's appender belongs to (the engine's close then finds the ring empty).
     */
    public void onClose()
    {
        pipeline.drain();
    }

    public Action onFragment(final DirectBuffer buffer, final int offset, final int length, final Header aeronHeader)
    {
        final long sessionId = aeronHeader.sessionId();
        final int templateId = length >= MessageHeaderDecoder.ENCODED_LENGTH ? buffer.getShort(
            offset + MessageHeaderDecoder.templateIdEncodingOffset(), ByteOrder.LITTLE_ENDIAN) & 0xFFFF : -1;
        final long sourceKey = sourceKey(aeronHeader.sessionId(), aeronHeader.initialTermId());
        final long position = aeronHeader.position();
        if (templateId != ConnectDecoder.TEMPLATE_ID && position <= journaledPositions.get(sourceKey))
        {
            // A restarted engine re-reading a stream: the journal holds this command already (Connects still run,
            // to restore the session).
            counters.restartSkipped.incrementRelease();
            return Action.CONTINUE;
        }
        final long now = clock.nanoTime();
        IngressSession session = sessions.get(sessionId);
        if (session != null && !session.bound)
        {
            // Its Connect may have been answered a moment ago: take the egress's word before judging this frame.
            sessions.applyBindings();
            session = sessions.get(sessionId);
        }
        final long correlationId = FrameCheck.correlationId(buffer, offset, length);
        final RejectReason invalid = length > CommandSlot.MAX_COMMAND_LENGTH ? RejectReason.MALFORMED :
            CommandValidator.validate(buffer, offset, length);
        if (invalid != null)
        {
            if (session != null && !reply(sessionId, correlationId, invalid))
            {
                return Action.ABORT;
            }
            counters.framesIn.incrementRelease();
            counters.malformed.incrementRelease();
            return Action.CONTINUE;
        }
        if (templateId == ConnectDecoder.TEMPLATE_ID)
        {
            if (session != null && !session.bound)
            {
                // One Connect at a time per publication: each opens a response publication, which costs the
                // driver, so a session cannot make the engine open them faster than they connect or time out.
                if (!reply(sessionId, correlationId, RejectReason.BUSY))
                {
                    return Action.ABORT;
                }
                counters.framesIn.incrementRelease();
                counters.connects.incrementRelease();
                return Action.CONTINUE;
            }
            counters.framesIn.incrementRelease();
            counters.connects.incrementRelease();
            onConnect(sessionId, buffer, offset, length, now);
            return Action.CONTINUE;
        }
        if (session == null || !session.bound)
        {
            // Unknown: nowhere to answer. Connecting: answered NOT_CONNECTED if it still has a response channel.
            if (session != null && !reply(sessionId, correlationId, RejectReason.NOT_CONNECTED))
            {
                return Action.ABORT;
            }
            counters.framesIn.incrementRelease();
            counters.unauthenticated.incrementRelease();
            return Action.CONTINUE;
        }
        session.lastSeenNanos = now;
        if (templateId == HeartbeatDecoder.TEMPLATE_ID)
        {
            counters.framesIn.incrementRelease();
            counters.heartbeats.incrementRelease();
            return Action.CONTINUE;
        }
        if (templateId == DisconnectDecoder.TEMPLATE_ID)
        {
            counters.framesIn.incrementRelease();
            closeSession(sessionId, now);
            return Action.CONTINUE;
        }
        return onCommand(sessionId, session, templateId, correlationId, sourceKey, position, buffer, offset, length,
            now);
    }

    private Action onCommand(final long sessionId, final IngressSession session, final int templateId,
        final long correlationId, final long sourceKey, final long position, final DirectBuffer buffer,
        final int offset, final int length, final long now)
    {
        if (!sessions.withinRate(session, now))
        {
            if (!reply(sessionId, correlationId, RejectReason.RATE_LIMITED))
            {
                return Action.ABORT;
            }
            countCommand();
            return Action.CONTINUE;
        }
        final CommandSlot slot = pipeline.tryClaim();
        if (slot == null)
        {
            // The ring is full: refuse at once, never waiting for ring space.
            if (!reply(sessionId, correlationId, RejectReason.BUSY))
            {
                session.refundToken();
                return Action.ABORT;
            }
            counters.busy.incrementRelease();
            countCommand();
            return Action.CONTINUE;
        }
        slot.kind = CommandSlot.Kind.COMMAND;
        slot.engineTime = now;
        slot.sessionId = sessionId;
        slot.principal = session.principal;
        slot.role = session.role;
        slot.commandTemplateId = templateId;
        slot.commandLength = length;
        slot.sourceKey = sourceKey;
        slot.sourcePosition = position;
        slot.command.putBytes(0, buffer, offset, length);
        pipeline.publish();
        countCommand();
        return Action.CONTINUE;
    }

    private void countCommand()
    {
        counters.framesIn.incrementRelease();
        counters.commandsIn.incrementRelease();
    }

    private boolean reply(final long sessionId, final long correlationId, final RejectReason reason)
    {
        if (!replies.offer(sessionId, correlationId, reason))
        {
            return false;
        }
        timedSlots.onReplyQueued();
        return true;
    }

    /** The frame is valid (lengths checked), so it is decoded here once; the egress gets the decoded channel. */
    private void onConnect(final long sessionId, final DirectBuffer buffer, final int offset, final int length,
        final long now)
    {
        connect.wrapAndApplyHeader(buffer, offset, header);
        final long correlationId = connect.correlationId();
        final int responseStreamId = connect.responseStreamId();
        final String responseChannel = connect.responseChannel();
        final String token = connect.token();
        timedSlots.onConnect(now);
        final SessionToken.Verification verification =
            SessionToken.verify(tokenSecret, token, TimeUnit.NANOSECONDS.toMillis(now));
        // The channel first: the engine never opens a publication outside the configured hosts, not even to refuse.
        final RejectReason refusal = !responseChannels.allowed(responseChannel) ?
            RejectReason.RESPONSE_CHANNEL_REFUSED : verification.reason;
        final CommandSlot slot = claimWaiting();
        slot.kind = CommandSlot.Kind.SESSION;
        slot.engineTime = now;
        slot.sessionId = sessionId;
        slot.correlationId = correlationId;
        slot.commandTemplateId = ConnectDecoder.TEMPLATE_ID;
        slot.responseChannel = responseChannel;
        slot.responseStreamId = responseStreamId;
        slot.ingressReason = refusal;
        if (refusal == null)
        {
            // Not bound until the egress has its response channel connected and its Connect answered.
            final IngressSession session = sessions.connecting(sessionId, verification.token.principal(),
                verification.token.role(), correlationId, now);
            slot.principal = session.principal;
            slot.role = session.role;
        }
        pipeline.publish();
    }

    private void closeSession(final long sessionId, final long now)
    {
        if (!sessions.forget(sessionId))
        {
            return;
        }
        final CommandSlot slot = claimWaiting();
        slot.kind = CommandSlot.Kind.SESSION;
        slot.engineTime = now;
        slot.sessionId = sessionId;
        slot.commandTemplateId = DisconnectDecoder.TEMPLATE_ID;
        pipeline.publish();
    }

    /**
     * For the rare slots that must not be lost (session changes): wait for the ring to drain. On the low-core
     * layout's one thread tryClaim drains the ring itself, so it returns null only once the pipeline has failed.
     */
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
        final LongArrayList silent = sessions.silent(now, sessionTimeoutNanos);
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
