package io.gavel.gateway;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.gavel.core.EventBuffer;
import io.gavel.core.pipeline.CommandSlot;
import io.gavel.core.pipeline.EgressPort;
import io.gavel.protocol.EventDecoder;
import io.gavel.protocol.EventListener;
import io.gavel.sbe.*;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes what the core emitted: responses and notices privately to each session's own response channel, lot
 * events to the public market-data stream. Every offer result is handled: back pressure is retried a bounded number
 * of times, then a private subscriber is dropped and counted so one slow client never stalls the engine.
 */
public final class AeronEgress implements EgressPort, EventBuffer.FrameVisitor, EventListener, AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(AeronEgress.class);
    /** Refused Connects answered on a publication opened just for that; more at once go unanswered (counted). */
    static final int MAX_PENDING_REFUSALS = 8;

    private final Aeron aeron;
    private final Publication publicStream;
    private final EngineCounters counters;
    private final IdleStrategy retryIdle;
    private final int retryLimit;
    private final long connectTimeoutNanos;
    private final EgressSessions sessions = new EgressSessions();
    private final EventDecoder decoder = new EventDecoder();
    private DirectBuffer frameBuffer;
    private int frameOffset;
    private int frameLength;
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final CommandAcceptedEncoder acceptedEncoder = new CommandAcceptedEncoder();
    private final CommandRejectedEncoder rejectedEncoder = new CommandRejectedEncoder();
    private final UnsafeBuffer responseBuffer = new UnsafeBuffer(new byte[128]);
    private CommandSlot current;
    private final LatencyRecorder latency;
    private final org.agrona.concurrent.EpochNanoClock clock = EngineClocks.epoch();
    private final IngressReplies replies;
    private final IngressReplies.Reply reply = this::reply;
    private final SessionBindings bindings;
    private final java.util.ArrayList<PendingConnect> pendingConnects = new java.util.ArrayList<>();
    // Set by the engine's close: past it, back pressure is not retried (a subscriber that never reads again must not
    // hold up the close of an engine whose one thread is waiting for it, layout low-core).
    private volatile long giveUpAtNanos = Long.MAX_VALUE;

    public AeronEgress(
        final Aeron aeron,
        final Publication publicStream,
        final EngineCounters counters,
        final IdleStrategy retryIdle,
        final EngineConfig config,
        final IngressReplies replies,
        final SessionBindings bindings)
    {
        this.replies = replies;
        this.bindings = bindings;
        this.latency = new LatencyRecorder(counters.latencyP50, counters.latencyP99, counters.latencyP999,
            counters.latencyMax, counters.latencyUpdated);
        this.aeron = aeron;
        this.publicStream = publicStream;
        this.counters = counters;
        this.retryIdle = retryIdle;
        this.retryLimit = config.egressRetryLimit();
        this.connectTimeoutNanos = config.egressConnectTimeoutNanos();
    }

    public void onSlot(final CommandSlot slot)
    {
        switch (slot.kind)
        {
            case COMMAND:
                current = slot;
                slot.events.forEach(this);
                break;
            case SESSION:
                if (slot.commandTemplateId == ConnectDecoder.TEMPLATE_ID)
                {
                    onConnect(slot);
                }
                else
                {
                    closeSession(slot.sessionId);
                }
                break;
            case HOUSEKEEPING:
                replies.drain(reply);
                servicePendingConnects();
                break;
            default:
                break;
        }
    }

    public void onFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        frameBuffer = buffer;
        frameOffset = offset;
        frameLength = length;
        if (!decoder.decode(buffer, offset, length, this))
        {
            publish(buffer, offset, length);
        }
    }

    public void onCommandAccepted(final CommandAcceptedDecoder event)
    {
        counters.accepted.incrementRelease();
        toSession(current.sessionId, frameBuffer, frameOffset, frameLength);
        recordLatency();
    }

    public void onCommandRejected(final CommandRejectedDecoder event)
    {
        counters.rejected(event.reason());
        toSession(current.sessionId, frameBuffer, frameOffset, frameLength);
        recordLatency();
    }

    public void onLotStatus(final LotStatusDecoder event)
    {
        toSession(current.sessionId, frameBuffer, frameOffset, frameLength);
    }

    /** Like LotStatus: a bidder's limit and exposure are private, so only the asking session hears them. */
    public void onBidderStatus(final BidderStatusDecoder event)
    {
        toSession(current.sessionId, frameBuffer, frameOffset, frameLength);
    }

    public void onOutbid(final OutbidDecoder event)
    {
        toBidder(event.bidderId());
    }

    public void onLotWon(final LotWonDecoder event)
    {
        toBidder(event.bidderId());
    }

    public void onSaleSettled(final SaleSettledDecoder event)
    {
        toBidder(event.bidderId());
    }

    public void onPublicEvent(final int templateId, final DirectBuffer buffer, final int offset, final int length)
    {
        publish(buffer, offset, length);
    }

    public void onOtherFrame(final int templateId, final DirectBuffer buffer, final int offset, final int length)
    {
        publish(buffer, offset, length);
    }

    /**
     * A private notice goes to every session of its bidder's principal, and to the web edges, which route it to that
     * bidder's sockets only (docs/WEB.md).
     */
    private void toBidder(final long bidderId)
    {
        toSessions(sessions.sessionsOf(bidderId), frameBuffer, frameOffset, frameLength);
        toSessions(sessions.edgeSessions(), frameBuffer, frameOffset, frameLength);
    }

    private void toSessions(final LongArrayList sessionIds, final DirectBuffer buffer, final int offset,
        final int length)
    {
        if (sessionIds != null)
        {
            // Backwards: a session dropped while sending removes itself from this list.
            for (int i = sessionIds.size() - 1; i >= 0; i--)
            {
                if (i < sessionIds.size())
                {
                    toSession(sessionIds.getLong(i), buffer, offset, length);
                }
            }
        }
    }

    /** From the ingress stamping the command to its answer leaving here (both clocks from EngineClocks). */
    private void recordLatency()
    {
        if (current.sessionId != 0)
        {
            final long now = clock.nanoTime();
            latency.record(now - current.engineTime, now);
        }
    }

    public void endOfBatch()
    {
        replies.drain(reply);
        if (!pendingConnects.isEmpty())
        {
            servicePendingConnects();
        }
    }

    /** A session whose response channel is still connecting; answered once it connects, refused if it never does. */
    private static final class PendingConnect
    {
        final ExclusivePublication publication;
        final long sessionId;
        final long principal;
        final Role role;
        final long correlationId;
        final RejectReason refusal;
        final String channel;
        final int streamId;
        final long deadlineNanos;

        PendingConnect(final ExclusivePublication publication, final CommandSlot slot, final long deadlineNanos)
        {
            this.publication = publication;
            this.sessionId = slot.sessionId;
            this.principal = slot.principal;
            this.role = slot.role;
            this.correlationId = slot.correlationId;
            this.refusal = slot.ingressReason;
            this.channel = slot.responseChannel;
            this.streamId = slot.responseStreamId;
            this.deadlineNanos = deadlineNanos;
        }
    }

    private void servicePendingConnects()
    {
        final long now = System.nanoTime();
        for (int i = pendingConnects.size() - 1; i >= 0; i--)
        {
            final PendingConnect pending = pendingConnects.get(i);
            // Connected is not yet writable: the driver raises a new publication's limit in its next cycle, and an
            // answer offered before that met back pressure and, after the retries (microseconds), dropped the client.
            if (pending.publication.isConnected() && pending.publication.availableWindow() > 0)
            {
                pendingConnects.remove(i);
                completeConnect(pending);
            }
            else if (now > pending.deadlineNanos)
            {
                pendingConnects.remove(i);
                LOG.info("session {}: response channel never connected", pending.sessionId);
                counters.subscribersDropped.incrementRelease();
                CloseHelper.quietClose(pending.publication);
                if (pending.refusal == null)
                {
                    refuseConnect(pending.sessionId, pending.correlationId);
                }
            }
        }
    }

    private void completeConnect(final PendingConnect pending)
    {
        if (pending.refusal != null)
        {
            final int length = encodeRejection(pending.correlationId, pending.refusal);
            offer(pending.publication, pending.sessionId, responseBuffer, 0, length);
            counters.rejected(pending.refusal);
            pending.publication.close();
            return;
        }
        sessions.bind(pending.sessionId, pending.principal, pending.role, pending.publication, pending.channel,
            pending.streamId);
        answerConnect(pending.sessionId, pending.correlationId);
    }

    /** The ingress hears of the binding before the client hears its answer, so the first command finds it bound. */
    private void answerConnect(final long sessionId, final long correlationId)
    {
        bindings.bound(sessionId, correlationId);
        acceptedEncoder.wrapAndApplyHeader(responseBuffer, 0, headerEncoder)
            .correlationId(correlationId).engineSequence(0).duplicate(BooleanType.FALSE);
        toSession(sessionId, responseBuffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + acceptedEncoder.encodedLength());
    }

    /** A valid Connect whose response channel cannot be used: its session is not bound and its commands never run. */
    private void refuseConnect(final long sessionId, final long correlationId)
    {
        bindings.refused(sessionId, correlationId);
        reply(sessionId, correlationId, RejectReason.RESPONSE_CHANNEL_REFUSED);
        closeSession(sessionId);
    }

    private void reply(final long sessionId, final long correlationId, final RejectReason reason)
    {
        counters.rejected(reason);
        final ExclusivePublication publication = sessions.publication(sessionId);
        if (publication != null)
        {
            offer(publication, sessionId, responseBuffer, 0, encodeRejection(correlationId, reason));
        }
        else
        {
            counters.repliesUndeliverable.incrementRelease();
        }
    }

    private void onConnect(final CommandSlot slot)
    {
        final ExclusivePublication existing = sessions.publication(slot.sessionId);
        final boolean sameChannel = sessions.sameChannel(slot.sessionId, slot.responseChannel, slot.responseStreamId);
        if (slot.ingressReason != null)
        {
            // Refused by the ingress (token, or a channel outside the configured hosts): the session stays as it
            // was. Answered on the channel it already has, else on the named one if the engine may open it, but
            // never more than a few at a time: anyone can send Connects, and each publication costs the driver.
            if (existing != null || slot.ingressReason == RejectReason.RESPONSE_CHANNEL_REFUSED ||
                pendingRefusals() >= MAX_PENDING_REFUSALS)
            {
                reply(slot.sessionId, slot.correlationId, slot.ingressReason);
                return;
            }
        }
        else
        {
            // A (re-)Connect: from now on nothing of the principal it spoke for reaches this session.
            sessions.leavePrincipal(slot.sessionId);
            dropPendingConnects(slot.sessionId);
            if (existing != null && sameChannel)
            {
                sessions.bind(slot.sessionId, slot.principal, slot.role, existing, slot.responseChannel,
                    slot.responseStreamId);
                answerConnect(slot.sessionId, slot.correlationId);
                return;
            }
        }
        final ExclusivePublication publication;
        try
        {
            publication = aeron.addExclusivePublication(slot.responseChannel, slot.responseStreamId);
        }
        catch (final RuntimeException ex)
        {
            LOG.warn("session {}: cannot open response channel {}: {}", slot.sessionId, slot.responseChannel,
                ex.getMessage());
            if (slot.ingressReason == null)
            {
                refuseConnect(slot.sessionId, slot.correlationId);
            }
            else
            {
                counters.rejected(slot.ingressReason);
                counters.repliesUndeliverable.incrementRelease();
            }
            return;
        }
        // Never wait here: other sessions' answers must not queue behind a channel that is still connecting.
        pendingConnects.add(new PendingConnect(publication, slot, System.nanoTime() + connectTimeoutNanos));
        servicePendingConnects();
    }

    private int pendingRefusals()
    {
        int refusals = 0;
        for (int i = 0; i < pendingConnects.size(); i++)
        {
            if (pendingConnects.get(i).refusal != null)
            {
                refusals++;
            }
        }
        return refusals;
    }

    private void dropPendingConnects(final long sessionId)
    {
        for (int i = pendingConnects.size() - 1; i >= 0; i--)
        {
            if (pendingConnects.get(i).sessionId == sessionId)
            {
                CloseHelper.quietClose(pendingConnects.remove(i).publication);
            }
        }
    }

    private int encodeRejection(final long correlationId, final RejectReason reason)
    {
        rejectedEncoder.wrapAndApplyHeader(responseBuffer, 0, headerEncoder)
            .correlationId(correlationId).engineSequence(0).reason(reason).duplicate(BooleanType.FALSE);
        return MessageHeaderEncoder.ENCODED_LENGTH + rejectedEncoder.encodedLength();
    }

    private void toSession(final long sessionId, final DirectBuffer buffer, final int offset, final int length)
    {
        final ExclusivePublication publication = sessions.publication(sessionId);
        if (publication != null)
        {
            offer(publication, sessionId, buffer, offset, length);
        }
    }

    private void publish(final DirectBuffer buffer, final int offset, final int length)
    {
        int attempts = 0;
        retryIdle.reset();
        while (true)
        {
            final long result = publicStream.offer(buffer, offset, length);
            if (result > 0 || result == Publication.NOT_CONNECTED || result == Publication.CLOSED ||
                result == Publication.MAX_POSITION_EXCEEDED)
            {
                // Not connected: nobody is listening to market data right now, which is not an error.
                return;
            }
            counters.backPressured.incrementRelease();
            if (++attempts >= retryLimit || givingUp())
            {
                // Public subscribers are slower than the engine: the engine goes on; they detect the gap.
                counters.subscribersDropped.incrementRelease();
                return;
            }
            retryIdle.idle();
        }
    }

    private void offer(final ExclusivePublication publication, final long sessionId, final DirectBuffer buffer,
        final int offset, final int length)
    {
        int attempts = 0;
        retryIdle.reset();
        while (true)
        {
            final long result = publication.offer(buffer, offset, length);
            if (result > 0)
            {
                return;
            }
            if (result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION)
            {
                counters.backPressured.incrementRelease();
                if (++attempts < retryLimit && !givingUp())
                {
                    retryIdle.idle();
                    continue;
                }
            }
            // Not connected, closed, past its maximum position, or too slow for too long: drop the subscriber.
            LOG.info("session {}: response channel dropped (offer result {})", sessionId, result);
            counters.subscribersDropped.incrementRelease();
            closeSession(sessionId);
            return;
        }
    }

    /**
     * The engine is closing: back pressure is retried for at most {@code graceNanos} more, then the subscriber is
     * dropped as if its retries had run out. Any thread.
     */
    void stopWaitingAfter(final long graceNanos)
    {
        giveUpAtNanos = System.nanoTime() + graceNanos;
    }

    private boolean givingUp()
    {
        final long giveUpAt = giveUpAtNanos;
        return giveUpAt != Long.MAX_VALUE && System.nanoTime() - giveUpAt > 0;
    }

    private void closeSession(final long sessionId)
    {
        dropPendingConnects(sessionId);
        sessions.close(sessionId);
    }

    public void close()
    {
        pendingConnects.forEach(pending -> CloseHelper.quietClose(pending.publication));
        pendingConnects.clear();
        sessions.closeAll();
    }
}
