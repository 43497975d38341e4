package io.gavel.core.pipeline;

import com.lmax.disruptor.EventHandler;

/**
 * Hands each journaled and applied slot to the egress port.
 */
final class EgressHandler implements EventHandler<CommandSlot>
{
    private final EgressPort egress;

    EgressHandler(final EgressPort egress)
    {
        this.egress = egress;
    }

    public void onEvent(final CommandSlot slot, final long ringSequence, final boolean endOfBatch)
    {
        egress.onSlot(slot);
        if (endOfBatch)
        {
            egress.endOfBatch();
        }
    }
}
