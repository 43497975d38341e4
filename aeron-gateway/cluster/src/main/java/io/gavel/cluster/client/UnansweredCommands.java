package io.gavel.cluster.client;

import io.aeron.cluster.client.AeronCluster;
import io.gavel.client.Response;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A cluster client's commands from sending to answer: each is kept, encoded, until its answer arrives; they are
 * offered in the order the application sent them, and offered again (same correlation id) after a leader change or a
 * silence longer than the resend interval; answers wait here until the application takes them. Apart from
 * {@link ClusterGavelClient} so the ordering rule lives in one place and the client reads as its commands and its
 * session.
 */
final class UnansweredCommands
{
    /** A command sent and not yet answered. */
    private static final class Unanswered
    {
        final byte[] frame;
        long sentNanos = Long.MIN_VALUE / 2;
        boolean offeredOnce;
        boolean queued;
        boolean answered;

        Unanswered(final byte[] frame)
        {
            this.frame = frame;
        }
    }

    private final long resendAfterNanos;
    // In the order the application sent them, so resends keep that order (bids are received as placed).
    private final LinkedHashMap<Long, Unanswered> unanswered = new LinkedHashMap<>();
    // Waiting for an offer, oldest first: a later command never overtakes one held back by back pressure.
    private final ArrayDeque<Unanswered> toOffer = new ArrayDeque<>();
    private final Long2ObjectHashMap<Response> answers = new Long2ObjectHashMap<>();
    private final UnsafeBuffer resendBuffer = new UnsafeBuffer(new byte[0]);
    private long resent;
    private long heldBack;

    UnansweredCommands(final long resendAfterNanos)
    {
        this.resendAfterNanos = resendAfterNanos;
    }

    /** Keeps a copy of the encoded command and puts it last in line for an offer. */
    void add(final long correlationId, final DirectBuffer encoded, final int length)
    {
        final byte[] frame = new byte[length];
        encoded.getBytes(0, frame);
        final Unanswered command = new Unanswered(frame);
        unanswered.put(correlationId, command);
        command.queued = true;
        toOffer.addLast(command);
    }

    /** After a silence longer than the resend interval, every unanswered command is offered again, in order. */
    void queueIfSilent(final long now)
    {
        if (unanswered.isEmpty())
        {
            return;
        }
        final Unanswered oldest = unanswered.values().iterator().next();
        if (!oldest.queued && now - oldest.sentNanos > resendAfterNanos)
        {
            queueEverythingUnanswered();
        }
    }

    /** Offers the waiting commands oldest first, stopping at the first the cluster cannot take yet. */
    int offerWaiting(final AeronCluster cluster, final long now)
    {
        int work = 0;
        while (!toOffer.isEmpty() && !cluster.isClosed())
        {
            final Unanswered command = toOffer.peekFirst();
            if (command.answered)
            {
                toOffer.pollFirst();
                continue;
            }
            resendBuffer.wrap(command.frame);
            if (cluster.offer(resendBuffer, 0, command.frame.length) <= 0)
            {
                heldBack++;
                break;
            }
            toOffer.pollFirst();
            command.queued = false;
            command.sentNanos = now;
            if (command.offeredOnce)
            {
                resent++;
            }
            command.offeredOnce = true;
            work++;
        }
        return work;
    }

    /** Everything unanswered goes back in line, in the order it was sent (a new leader or a new session). */
    void queueEverythingUnanswered()
    {
        toOffer.clear();
        for (final Unanswered command : unanswered.values())
        {
            command.queued = true;
            toOffer.addLast(command);
        }
    }

    /** The answer to a command still kept; an answer to one already answered (a resend's) is dropped. */
    void onAnswer(final long correlationId, final Response response)
    {
        final Unanswered command = unanswered.remove(correlationId);
        if (command != null)
        {
            command.answered = true;
            answers.put(correlationId, response);
        }
    }

    /** The answer to {@code correlationId} if it arrived, taken; else null. */
    Response takeAnswer(final long correlationId)
    {
        return answers.remove(correlationId);
    }

    List<Response> takeAnswers()
    {
        final List<Response> taken = new ArrayList<>(answers.values());
        answers.clear();
        return taken;
    }

    int count()
    {
        return unanswered.size();
    }

    long resent()
    {
        return resent;
    }

    long heldBack()
    {
        return heldBack;
    }
}
