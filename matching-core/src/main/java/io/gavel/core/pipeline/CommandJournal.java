package io.gavel.core.pipeline;

/**
 * Port to the write-ahead journal. Called only from the business-logic handler's thread (the ingress agent's with
 * layout low-core), in sequence order.
 */
public interface CommandJournal
{
    /** Appends the sequenced command; it must be durable in the journal before the core applies it. */
    void appendCommand(CommandSlot slot);

    /** Appends the events the core emitted for the command in the slot. */
    void appendEvents(CommandSlot slot);

    /** Where the journal ends now (for snapshots to say where their tail starts); -1 when it cannot say. */
    default long position()
    {
        return -1;
    }

    /** End of a ring batch: a good moment for work that is cheaper done once per batch. */
    default void endOfBatch()
    {
    }

    /** A journal that keeps nothing, for tests of the core alone and for benchmarks that say so. */
    CommandJournal NONE = new CommandJournal()
    {
        public void appendCommand(final CommandSlot slot)
        {
        }

        public void appendEvents(final CommandSlot slot)
        {
        }
    };
}
