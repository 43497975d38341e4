package io.gavel.gateway;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.gavel.protocol.CommandEncoder;
import io.gavel.sbe.CommandAcceptedDecoder;
import io.gavel.sbe.CommandRejectedDecoder;
import io.gavel.sbe.MessageHeaderDecoder;
import io.gavel.sbe.OutbidDecoder;
import io.gavel.sbe.RejectReason;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A client speaking raw frames to the engine, as an outside program written from the schema would: one ingress
 * publication, one response subscription, every answer and private notice recorded. Lets tests send what the
 * client library never would (re-Connects on one publication, hostile bytes, floods).
 */
final class RawSession implements AutoCloseable
{
    /** One private answer: accepted (reason null) or rejected with a reason. */
    record Answer(long correlationId, RejectReason reason, long engineSequence)
    {
        boolean accepted()
        {
            return reason == null;
        }
    }

    final CommandEncoder encoder = new CommandEncoder();
    final ExclusivePublication ingress;
    final Subscription responses;
    final String responseChannel;
    final int responseStream;
    final Long2ObjectHashMap<Answer> answers = new Long2ObjectHashMap<>();
    final List<Long> outbidBidders = new ArrayList<>();
    long answerCount;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final CommandAcceptedDecoder accepted = new CommandAcceptedDecoder();
    private final CommandRejectedDecoder rejected = new CommandRejectedDecoder();
    private final OutbidDecoder outbid = new OutbidDecoder();
    private final FragmentAssembler assembler = new FragmentAssembler(this::onResponse);

    RawSession(final Aeron aeron, final EngineConfig config, final int responseStream)
    {
        this.responseChannel = "aeron:ipc";
        this.responseStream = responseStream;
        responses = aeron.addSubscription(responseChannel, responseStream);
        ingress = aeron.addExclusivePublication(config.ingressChannel(), config.ingressStream());
        await(ingress::isConnected, Duration.ofSeconds(10), "ingress publication never connected");
    }

    /** Sends a Connect with this token on this publication and waits for its answer. */
    Answer connect(final long correlationId, final String token)
    {
        encoder.connect(correlationId, responseStream, responseChannel, token);
        send();
        return awaitAnswer(correlationId, Duration.ofSeconds(10));
    }

    void send()
    {
        send(encoder.buffer(), 0, encoder.length());
    }

    void send(final DirectBuffer buffer, final int offset, final int length)
    {
        final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true)
        {
            final long result = ingress.offer(buffer, offset, length);
            if (result > 0)
            {
                return;
            }
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED ||
                System.nanoTime() > deadline)
            {
                throw new IllegalStateException("cannot send: " + result);
            }
            poll();
        }
    }

    int poll()
    {
        return responses.poll(assembler, 256);
    }

    Answer awaitAnswer(final long correlationId, final Duration timeout)
    {
        pollUntil(() -> answers.containsKey(correlationId), timeout);
        return answers.get(correlationId);
    }

    boolean pollUntil(final BooleanSupplier condition, final Duration timeout)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                return false;
            }
            if (poll() == 0)
            {
                Thread.onSpinWait();
            }
        }
        return true;
    }

    static void await(final BooleanSupplier condition, final Duration timeout, final String what)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError(what);
            }
            Thread.onSpinWait();
        }
    }

    private void onResponse(final DirectBuffer buffer, final int offset, final int length,
        final io.aeron.logbuffer.Header aeronHeader)
    {
        header.wrap(buffer, offset);
        switch (header.templateId())
        {
            case CommandAcceptedDecoder.TEMPLATE_ID:
                accepted.wrapAndApplyHeader(buffer, offset, header);
                answerCount++;
                answers.put(accepted.correlationId(), new Answer(accepted.correlationId(), null,
                    accepted.engineSequence()));
                break;
            case CommandRejectedDecoder.TEMPLATE_ID:
                rejected.wrapAndApplyHeader(buffer, offset, header);
                answerCount++;
                answers.put(rejected.correlationId(), new Answer(rejected.correlationId(), rejected.reason(),
                    rejected.engineSequence()));
                break;
            case OutbidDecoder.TEMPLATE_ID:
                outbidBidders.add(outbid.wrapAndApplyHeader(buffer, offset, header).bidderId());
                break;
            default:
                break;
        }
    }

    /** A copy of the encoder's last frame, to mutate. */
    UnsafeBuffer frame()
    {
        final UnsafeBuffer copy = new UnsafeBuffer(new byte[Math.max(encoder.length(), 64) + 64]);
        copy.putBytes(0, encoder.buffer(), 0, encoder.length());
        return copy;
    }

    public void close()
    {
        CloseHelper.quietCloseAll(ingress, responses);
    }
}
