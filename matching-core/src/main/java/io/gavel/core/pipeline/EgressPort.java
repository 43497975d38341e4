package io.gavel.core.pipeline;

/**
 * Port to whatever delivers events to clients. Called only from the egress handler's thread (a thread of its own when
 * staged, the ingress agent's with layout low-core), in sequence order, after the command in the slot was journaled
 * and applied.
 */
public interface EgressPort
{
    void onSlot(CommandSlot slot);

    /** End of a ring batch. */
    default void endOfBatch()
    {
    }
}
