package io.gavel.journal;

/**
 * When a journaled record counts as kept, and so when the engine may answer it ({@code gavel.journal.sync}).
 * <ul>
 * <li>{@link #PAGE_CACHE}: once it is in the operating system's page cache (the mapped file). A crash of the engine's
 * process loses nothing; a power cut or kernel crash can lose the records of the last few seconds that the kernel had
 * not yet written back, answered ones included.</li>
 * <li>{@link #FSYNC}: once the journal file has been forced to the device ({@code fdatasync}). Group commit: the
 * business thread forces once at the end of each ring batch, so one force covers every record of the batch, and the
 * egress sees no slot of a batch before that force returned. A power cut loses no answered record (given a device
 * that honours flushes).</li>
 * </ul>
 */
public enum JournalSync
{
    PAGE_CACHE("page-cache"),
    FSYNC("fsync");

    private final String setting;

    JournalSync(final String setting)
    {
        this.setting = setting;
    }

    /** The value as {@code gavel.journal.sync} spells it. */
    public String setting()
    {
        return setting;
    }

    /** Parses a {@code gavel.journal.sync} value; a precise error names the values allowed. */
    public static JournalSync parse(final String value)
    {
        for (final JournalSync sync : values())
        {
            if (sync.setting.equalsIgnoreCase(value.trim()))
            {
                return sync;
            }
        }
        throw new IllegalArgumentException("setting 'gavel.journal.sync' must be page-cache or fsync, not '" +
            value + "'");
    }
}
