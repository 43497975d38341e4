package io.gavel.client;

import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.gavel.protocol.EventDecoder;
import org.agrona.DirectBuffer;

/**
 * Hands received frames (public or private) to the protocol's {@link EventDecoder}: answers go to the
 * {@link ResponseTracker} first (for {@link GavelClient#await}), then everything to the client's listener.
 */
final class EventDispatcher implements FragmentHandler
{
    private final EventDecoder decoder = new EventDecoder();
    private final ResponseTracker responses;
    private GavelListener target;

    EventDispatcher(final GavelListener listener, final ResponseTracker responses)
    {
        this.responses = responses;
        listener(listener);
    }

    void listener(final GavelListener listener)
    {
        target = new CompositeListener(responses, listener);
    }

    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header aeronHeader)
    {
        decoder.decode(buffer, offset, length, target);
    }
}
