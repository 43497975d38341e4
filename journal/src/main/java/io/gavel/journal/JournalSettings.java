package io.gavel.journal;

import io.gavel.sbe.EngineSettingsDecoder;
import io.gavel.sbe.EngineSettingsEncoder;
import io.gavel.sbe.MessageHeaderDecoder;
import io.gavel.sbe.MessageHeaderEncoder;
import io.gavel.sbe.RecordKind;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The settings that change outcomes, as the journal records them: the engine writes one SETTINGS record (an
 * {@code EngineSettings} frame) each time it starts, before any command of that run, so a replay (recovery or
 * verify) applies every command exactly as the engine did. Today that is the idempotency window; a setting that
 * changes what the core answers belongs here.
 */
public record JournalSettings(int correlationWindow)
{
    /** Appends this as a SETTINGS record: engine sequence of the last command so far, so sequences stay monotonic. */
    public void append(final JournalWriter writer, final long engineTime)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MessageHeaderEncoder.ENCODED_LENGTH +
            EngineSettingsEncoder.BLOCK_LENGTH]);
        new EngineSettingsEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .correlationWindow(correlationWindow);
        writer.append(RecordKind.SETTINGS, writer.lastSequence(), engineTime, 0, 0, 0, null, buffer, 0,
            buffer.capacity());
    }

    /** Decodes a SETTINGS record's frame; throws a {@link JournalException} naming the record if it is not one. */
    public static JournalSettings decode(final long position, final DirectBuffer frame, final int offset,
        final int length)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        if (length < MessageHeaderDecoder.ENCODED_LENGTH ||
            header.wrap(frame, offset).templateId() != EngineSettingsDecoder.TEMPLATE_ID ||
            length < MessageHeaderDecoder.ENCODED_LENGTH + header.blockLength() ||
            header.blockLength() < EngineSettingsDecoder.BLOCK_LENGTH)
        {
            throw new JournalException("record " + position + " is a settings record without an EngineSettings " +
                "frame");
        }
        final EngineSettingsDecoder decoder = new EngineSettingsDecoder().wrapAndApplyHeader(frame, offset, header);
        return new JournalSettings(decoder.correlationWindow());
    }

    /**
     * The settings the journal was started with: its first record, when that is a SETTINGS record; null for a new
     * journal or one written before settings were recorded.
     */
    public static JournalSettings first(final JournalLayout layout)
    {
        final JournalSettings[] found = new JournalSettings[1];
        try (JournalReader reader = JournalReader.open(layout))
        {
            reader.readOne((position, record, frame, offset, length, chainIntact) ->
            {
                if (record.kind() == RecordKind.SETTINGS)
                {
                    found[0] = decode(position, frame, offset, length);
                }
                return false;
            });
        }
        return found[0];
    }

    /** How the journal's settings differ from these, in setting names an operator knows; null when they agree. */
    public String differenceFrom(final JournalSettings journal)
    {
        if (journal.correlationWindow != correlationWindow)
        {
            return "gavel.correlation.window=" + journal.correlationWindow + " in the journal, " +
                correlationWindow + " here";
        }
        return null;
    }
}
