package io.gavel.journal;

/**
 * Where a {@link ReplayCursor} takes the journal's records from, one at a time, in order, each with its hash chain
 * checked: a {@link JournalReader} on the caller's thread, or a {@link ReadAheadReader} that reads on a thread of its
 * own.
 */
public interface RecordSource
{
    /**
     * Shows the next record to {@code visitor} if there is one; false at the current end of the journal.
     *
     * @throws JournalException when the next record cannot be read as a journal record.
     */
    boolean readOne(JournalReader.RecordVisitor visitor);
}
