package io.gavel.journal;

import io.gavel.sbe.RecordKind;
import io.gavel.sbe.Role;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The replay loop's own contract, with a port that echoes each command as its one event (the matching core's ports
 * are tested by JournalVerifierTest, RecoveryTest and OneReplayLoopTest): settings are offered to the port, a port
 * that throws on a command is a precise failure at that record rather than an exception out of the loop.
 */
@Timeout(30)
class ReplayCursorTest
{
    @TempDir
    Path dir;

    /** Emits the command's own bytes as its single event; throws on a command whose first byte is 7. */
    private static final class EchoPort implements ReplayPort
    {
        final UnsafeBuffer last = new UnsafeBuffer(new byte[64]);
        int length;
        JournalSettings settings;

        public String onSettings(final JournalSettings settings)
        {
            this.settings = settings;
            return settings.correlationWindow() == 13 ? "13 is unlucky" : null;
        }

        public int apply(final long sequence, final long time, final long principal, final Role role,
            final DirectBuffer frame, final int offset, final int length)
        {
            if (frame.getByte(offset) == 7)
            {
                throw new IllegalArgumentException("Unknown value: 7");
            }
            frame.getBytes(offset, last, 0, length);
            this.length = length;
            return 1;
        }

        public void event(final int index, final UnsafeBuffer view)
        {
            view.wrap(last, 0, length);
        }
    }

    private JournalLayout journal(final byte... commandFirstBytes)
    {
        final JournalLayout layout = JournalLayout.createOrOpen(dir.resolve("j"));
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[16]);
        try (JournalWriter writer = JournalWriter.open(layout))
        {
            new JournalSettings(99).append(writer, 1);
            long sequence = 0;
            for (final byte first : commandFirstBytes)
            {
                sequence++;
                frame.putByte(0, first);
                writer.append(RecordKind.COMMAND, sequence, 10, 0, 1, 1, Role.ADMIN, frame, 0, 16);
                writer.append(RecordKind.EVENT, sequence, 10, 0, 1, 1, Role.ADMIN, frame, 0, 16);
            }
        }
        return layout;
    }

    @Test
    void aWholeJournalReplaysAndAPortThatThrowsIsAFailureAtItsRecord()
    {
        final JournalLayout layout = journal((byte)1, (byte)2, (byte)7, (byte)3);
        final EchoPort port = new EchoPort();
        try (JournalReader reader = JournalReader.open(layout))
        {
            final ReplayCursor cursor = new ReplayCursor(reader, port, 0, null);
            assertFalse(cursor.replayAll());
            assertEquals(99, port.settings.correlationWindow());
            assertEquals(6, cursor.failedRecord(), "settings, 2 commands with their events, then the third command");
            assertEquals("command 3 makes the core throw java.lang.IllegalArgumentException: Unknown value: 7; it " +
                "cannot be replayed", cursor.failure());
        }
    }

    @Test
    void settingsThePortCannotRunWithStopTheReplay()
    {
        final JournalLayout layout = journal((byte)1);
        try (JournalWriter writer = JournalWriter.open(layout))
        {
            new JournalSettings(13).append(writer, 2);
        }
        try (JournalReader reader = JournalReader.open(layout))
        {
            final ReplayCursor cursor = new ReplayCursor(reader, new EchoPort(), 0, null);
            assertFalse(cursor.replayAll());
            assertEquals(4, cursor.failedRecord());
            assertEquals("settings record: 13 is unlucky", cursor.failure());
            assertEquals(1, cursor.commands());
            assertEquals(1, cursor.events());
        }
    }

    @Test
    void aCommandWithMoreEventsThanTheIndexCountsReplaysAndAMisplacedOneStillFails()
    {
        // A tick that closes 100,000 lots emits more events than the head's uint16 index counts: it wraps to 0.
        final int events = 70_000;
        final JournalLayout layout = JournalLayout.createOrOpen(dir.resolve("many"));
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[16]);
        try (JournalWriter writer = JournalWriter.open(layout))
        {
            writer.append(RecordKind.COMMAND, 1, 10, 0, 1, 1, Role.ADMIN, frame, 0, 16);
            for (int i = 0; i < events; i++)
            {
                writer.append(RecordKind.EVENT, 1, 10, i, 1, 1, Role.ADMIN, frame, 0, 16);
            }
            writer.append(RecordKind.COMMAND, 2, 10, 0, 1, 1, Role.ADMIN, frame, 0, 16);
            writer.append(RecordKind.EVENT, 2, 10, 1, 1, 1, Role.ADMIN, frame, 0, 16);
        }
        final ReplayPort port = new ReplayPort()
        {
            public String onSettings(final JournalSettings settings)
            {
                return null;
            }

            public int apply(final long sequence, final long time, final long principal, final Role role,
                final org.agrona.DirectBuffer command, final int offset, final int length)
            {
                return sequence == 1 ? events : 2;
            }

            public void event(final int index, final UnsafeBuffer view)
            {
                view.wrap(frame, 0, 16);
            }
        };
        try (JournalReader reader = JournalReader.open(layout))
        {
            final ReplayCursor cursor = new ReplayCursor(reader, port, 0, null);
            assertFalse(cursor.replayAll());
            assertEquals(events, cursor.events() - 1, "every event of command 1 passed");
            assertEquals(events + 3, cursor.failedRecord());
            assertEquals("event 1 of command 2 stands where event 0 belongs", cursor.failure());
        }
    }
}
