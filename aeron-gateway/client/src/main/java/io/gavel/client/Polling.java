package io.gavel.client;

import org.agrona.concurrent.IdleStrategy;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongFunction;

/**
 * The two waits every client offers, written once: poll (idling by how much work each poll did) until a condition
 * holds, or until the answer to a correlation id arrives, or a timeout passes. Used by {@link GavelClient} and the
 * cluster client.
 */
public final class Polling
{
    private Polling()
    {
    }

    /** Polls until {@code condition} holds or the timeout passes; returns whether it held. */
    public static boolean until(
        final IntSupplier poll, final IdleStrategy idle, final BooleanSupplier condition, final Duration timeout)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        idle.reset();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                return false;
            }
            idle.idle(poll.getAsInt());
        }
        return true;
    }

    /** Polls until {@code take} yields the answer to {@code correlationId} or the timeout passes (then null). */
    public static Response answer(final IntSupplier poll, final IdleStrategy idle, final LongFunction<Response> take,
        final long correlationId, final Duration timeout)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        idle.reset();
        while (true)
        {
            final Response response = take.apply(correlationId);
            if (response != null)
            {
                return response;
            }
            if (System.nanoTime() > deadline)
            {
                return null;
            }
            idle.idle(poll.getAsInt());
        }
    }
}
