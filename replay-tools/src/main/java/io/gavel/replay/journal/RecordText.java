package io.gavel.replay.journal;

import io.gavel.replay.text.CommandText;
import io.gavel.replay.text.EventText;
import io.gavel.sbe.BooleanType;
import io.gavel.sbe.CommandAcceptedDecoder;
import io.gavel.sbe.CommandRejectedDecoder;
import io.gavel.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

import java.time.Instant;

/**
 * Shared text forms for journal tools: a record's engine time as an ISO instant, a command or event frame as a line,
 * and the outcome a response event states.
 */
final class RecordText
{
    final CommandText commands = new CommandText();
    final EventText events = new EventText(0);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final CommandAcceptedDecoder accepted = new CommandAcceptedDecoder();
    private final CommandRejectedDecoder rejected = new CommandRejectedDecoder();

    static String time(final long epochNanos)
    {
        return Instant.ofEpochSecond(0, epochNanos).toString();
    }

    /**
     * The client's correlation id of a command frame: every command's first field (gavel-v1.xml), which the client
     * also finds in its answer. 0 when the frame is too short to hold one.
     */
    static long correlationId(final DirectBuffer frame, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH + Long.BYTES)
        {
            return 0;
        }
        return frame.getLong(offset + MessageHeaderDecoder.ENCODED_LENGTH, java.nio.ByteOrder.LITTLE_ENDIAN);
    }

    /** A settings record (or a record of a kind this version does not know) as one line. */
    static String settings(final io.gavel.sbe.JournalRecordDecoder record, final DirectBuffer frame, final int offset,
        final int length)
    {
        if (record.kind() != io.gavel.sbe.RecordKind.SETTINGS)
        {
            return "record of unknown kind " + record.kindRaw();
        }
        try
        {
            return "settings gavel.correlation.window=" +
                io.gavel.journal.JournalSettings.decode(0, frame, offset, length).correlationWindow();
        }
        catch (final io.gavel.journal.JournalException ex)
        {
            return "settings (unreadable: no EngineSettings frame)";
        }
    }

    String command(final DirectBuffer frame, final int offset, final int length)
    {
        final StringBuilder out = new StringBuilder();
        if (!commands.format(frame, offset, length, out))
        {
            unknown(frame, offset, length, out);
        }
        return out.toString();
    }

    String event(final DirectBuffer frame, final int offset)
    {
        final StringBuilder out = new StringBuilder();
        if (!events.format(frame, offset, out))
        {
            unknown(frame, offset, -1, out);
        }
        return out.toString();
    }

    /** A frame no text form knows: a newer schema's message, or damage. Says so rather than guess. */
    private void unknown(final DirectBuffer frame, final int offset, final int length, final StringBuilder out)
    {
        header.wrap(frame, offset);
        out.append("unknown message: template ").append(header.templateId()).append(", schema ")
            .append(header.schemaId()).append(" version ").append(header.version());
        if (length >= 0)
        {
            out.append(", ").append(length).append(" bytes");
        }
    }

    /** ACCEPTED, REJECTED reason, with "(duplicate)"; or null when the frame is not a response. */
    String outcome(final DirectBuffer frame, final int offset)
    {
        header.wrap(frame, offset);
        if (header.templateId() == CommandAcceptedDecoder.TEMPLATE_ID)
        {
            accepted.wrapAndApplyHeader(frame, offset, header);
            return "ACCEPTED" + (accepted.duplicate() == BooleanType.TRUE ? " (duplicate)" : "");
        }
        if (header.templateId() == CommandRejectedDecoder.TEMPLATE_ID)
        {
            rejected.wrapAndApplyHeader(frame, offset, header);
            return "REJECTED " + rejected.reason() + (rejected.duplicate() == BooleanType.TRUE ? " (duplicate)" : "");
        }
        return null;
    }
}
