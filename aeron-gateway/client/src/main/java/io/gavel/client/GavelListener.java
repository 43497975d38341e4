package io.gavel.client;

import io.gavel.protocol.EventListener;
import io.gavel.sbe.*;

/**
 * Typed callbacks of a {@link GavelClient}: every event of {@link EventListener} (public lot events, private notices,
 * lot status) plus {@link #onResponse}, the answer to one of this client's commands. Decoders are flyweights over
 * the received frame: read them during the call, copy what you keep. Every method has an empty default, so a
 * listener overrides only what it needs.
 */
public interface GavelListener extends EventListener
{
    /**
     * The engine's answer to one of this client's commands, by correlation id. For the ask a rejected bid missed,
     * override {@link #onCommandRejected} or use {@link GavelClient#await}'s {@link Response}.
     */
    default void onResponse(final long correlationId, final boolean accepted, final RejectReason reason,
        final long engineSequence, final boolean duplicate)
    {
    }

    /** Calls {@link #onResponse}. */
    @Override
    default void onCommandAccepted(final CommandAcceptedDecoder event)
    {
        onResponse(event.correlationId(), true, null, event.engineSequence(), event.duplicate() == BooleanType.TRUE);
    }

    /** Calls {@link #onResponse}. */
    @Override
    default void onCommandRejected(final CommandRejectedDecoder event)
    {
        onResponse(event.correlationId(), false, event.reason(), event.engineSequence(),
            event.duplicate() == BooleanType.TRUE);
    }
}
