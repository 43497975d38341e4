package io.gavel.client;

import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.gavel.protocol.CommandEncoder;
import org.agrona.CloseHelper;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The Aeron side of one {@link GavelClient} session: the exclusive publication to the engine's ingress, the
 * subscription for this session's private answers, the optional public market-data subscription, and the heartbeat
 * that keeps the session alive.
 * <p>
 * It stands apart from the client because the client only builds commands, while this moves frames, and the two
 * directions cannot be separated from each other: a send that is back-pressured must keep reading answers (an engine
 * whose one thread waits to answer this client reads its ingress again only once the client has read on), and the
 * heartbeat is due only when nothing has been sent for a while. Everything is created in the constructor; the send
 * and poll paths allocate nothing (the load harness's measuring window must not). Not thread-safe, like the client.
 */
final class EngineLink
{
    /** Fragments read from one subscription per poll. */
    private static final int FRAGMENT_LIMIT = 64;

    private final GavelClient.Context context;
    private final CommandEncoder encoder;
    private final IdleStrategy idle;
    private final ExclusivePublication ingress;
    private final Subscription responses;
    private final Subscription publicEvents;
    private final FragmentAssembler responseAssembler;
    private final FragmentAssembler publicAssembler;
    private final long heartbeatIntervalNanos;
    private long lastSentNanos;
    private boolean connected;
    /** With a send wait: the ingress was found not connected after the session was; sticky. */
    private boolean lost;

    /**
     * Opens the session's subscriptions and publication; frames received on either subscription go to
     * {@code dispatcher}, and {@code encoder} holds the frame {@link #send} offers.
     */
    EngineLink(final GavelClient.Context context, final FragmentHandler dispatcher, final CommandEncoder encoder,
        final IdleStrategy idle)
    {
        this.context = context;
        this.encoder = encoder;
        this.idle = idle;
        responseAssembler = new FragmentAssembler(dispatcher);
        publicAssembler = new FragmentAssembler(dispatcher);
        heartbeatIntervalNanos = context.heartbeatInterval.toNanos();
        final String responseChannel = context.responseChannel != null ? context.responseChannel :
            context.ingressChannel.startsWith("aeron:ipc") ? "aeron:ipc" : "aeron:udp?endpoint=127.0.0.1:0";
        responses = context.aeron.addSubscription(responseChannel, context.responseStream);
        publicEvents = context.subscribePublic ?
            context.aeron.addSubscription(context.publicChannel, context.publicStream) : null;
        ingress = context.aeron.addExclusivePublication(context.ingressChannel, context.ingressStream);
    }

    boolean isIngressConnected()
    {
        return ingress.isConnected();
    }

    /** The response channel with the port the driver chose for an ephemeral UDP endpoint, or null until it has. */
    String tryResolveResponseEndpoint()
    {
        return responses.tryResolveChannelEndpointPort();
    }

    /** From now on {@link #poll} sends heartbeats and {@link #close} says goodbye. */
    void connected()
    {
        connected = true;
    }

    boolean isPublicConnected()
    {
        return publicEvents != null && publicEvents.imageCount() > 0;
    }

    /** With a send wait: whether the engine's ingress was found not connected once the session was. */
    boolean isLost()
    {
        return lost;
    }

    /** Reads what has arrived on both subscriptions and sends a heartbeat when one is due; returns the work done. */
    int poll()
    {
        int work = responses.poll(responseAssembler, FRAGMENT_LIMIT);
        if (publicEvents != null)
        {
            work += publicEvents.poll(publicAssembler, FRAGMENT_LIMIT);
        }
        if (connected && context.sendWait != null && !lost && !ingress.isConnected())
        {
            // The engine stopped (its subscription is gone): a heartbeat would only fail; the owner reopens.
            lost = true;
        }
        if (connected && !lost && System.nanoTime() - lastSentNanos > heartbeatIntervalNanos)
        {
            final long id = GavelClient.nextCorrelationId();
            encoder.heartbeat(id);
            offerEncoded();
        }
        return work;
    }

    /** Sends the frame encoded last; returns its correlation id, or throws when it could not be sent in time. */
    long send(final long correlationId)
    {
        if (lost)
        {
            throw new GavelClientException("the session with the engine is lost: its ingress " +
                context.ingressChannel + " stream " + context.ingressStream + " is not connected");
        }
        if (!offerEncoded())
        {
            throw new GavelClientException(lost ? "the engine's ingress is not connected (the engine stopped)" :
                "could not send to the engine within " + (context.sendWait != null ? context.sendWait :
                context.timeout) + " (not connected or back pressured)");
        }
        return correlationId;
    }

    /** Offers the frame encoded last. */
    private boolean offerEncoded()
    {
        return offerBytes(encoder.buffer(), 0, encoder.length());
    }

    /**
     * Offers bytes until they are sent, the publication is closed, or the client's timeout passes; with a send wait,
     * back pressure is waited out that long at most and an ingress not connected fails (and loses the session) at
     * once.
     */
    boolean offerBytes(final UnsafeBuffer buffer, final int offset, final int length)
    {
        final long deadline = System.nanoTime() + (context.sendWait != null ? context.sendWait : context.timeout)
            .toNanos();
        idle.reset();
        while (true)
        {
            final long result = ingress.offer(buffer, offset, length);
            if (result > 0)
            {
                lastSentNanos = System.nanoTime();
                return true;
            }
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED ||
                System.nanoTime() > deadline)
            {
                return false;
            }
            if (result == Publication.NOT_CONNECTED && context.sendWait != null && connected)
            {
                lost = true;
                return false;
            }
            // Read answers while waiting: an engine whose one thread is waiting to answer this client (layout
            // low-core) reads its ingress again only once the client has read on (no heartbeat here: the encoder
            // holds the frame being sent).
            idle.idle(responses.poll(responseAssembler, FRAGMENT_LIMIT));
        }
    }

    /** Says goodbye once (one offer, no waiting: best effort) if connected, then closes the subscriptions. */
    void close()
    {
        if (connected)
        {
            final long id = GavelClient.nextCorrelationId();
            encoder.disconnect(id);
            ingress.offer(encoder.buffer(), 0, encoder.length());
            connected = false;
        }
        CloseHelper.quietCloseAll(ingress, responses, publicEvents);
    }
}
