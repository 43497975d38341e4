package io.gavel.replay.journal;

import io.gavel.core.EventBuffer;
import io.gavel.core.MatchingCore;
import io.gavel.journal.JournalSettings;
import io.gavel.journal.ReplayPort;
import io.gavel.sbe.Role;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Verification's side of the replay port: a fresh core built with the settings the journal's first settings record
 * states (the defaults for a journal that has none), fed every command.
 */
final class CoreReplayPort implements ReplayPort
{
    private final EventBuffer events = new EventBuffer();
    private MatchingCore core;
    private int walkIndex;
    private int walkOffset;

    MatchingCore core()
    {
        if (core == null)
        {
            core = new MatchingCore();
        }
        return core;
    }

    public String onSettings(final JournalSettings settings)
    {
        if (core == null)
        {
            core = new MatchingCore(settings.correlationWindow());
            return null;
        }
        if (core.correlationWindow() != settings.correlationWindow())
        {
            return "gavel.correlation.window changes from " + core.correlationWindow() + " to " +
                settings.correlationWindow() + " in mid-journal; an engine never does that";
        }
        return null;
    }

    public int apply(final long sequence, final long time, final long principal, final Role role,
        final DirectBuffer frame, final int offset, final int length)
    {
        walkIndex = 0;
        walkOffset = 0;
        return core().apply(sequence, time, principal, role, frame, offset, length, events);
    }

    public void event(final int index, final UnsafeBuffer view)
    {
        // Events are asked for in order, so this walks the length-prefixed frames once per command.
        if (index < walkIndex)
        {
            walkIndex = 0;
            walkOffset = 0;
        }
        while (walkIndex < index)
        {
            walkOffset += EventBuffer.LENGTH_PREFIX + events.buffer().getInt(walkOffset);
            walkIndex++;
        }
        view.wrap(events.buffer(), walkOffset + EventBuffer.LENGTH_PREFIX, events.buffer().getInt(walkOffset));
    }
}
