package io.gavel.journal;

import io.gavel.sbe.Role;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * What a {@link ReplayCursor} replays into: a matching core, seen from the journal module (which must not depend on
 * the core). Recovery and verification each implement it over their {@code MatchingCore}.
 */
public interface ReplayPort
{
    /**
     * A SETTINGS record: the settings the engine ran with from here on.
     *
     * @return null when the port replays with exactly these settings; otherwise why it cannot.
     */
    String onSettings(JournalSettings settings);

    /** Applies one journaled command and returns how many events the core emitted for it. */
    int apply(long sequence, long time, long principal, Role role, DirectBuffer frame, int offset, int length);

    /** Points {@code view} at event {@code index} of the command applied last. */
    void event(int index, UnsafeBuffer view);
}
