package io.gavel.protocol;

import io.gavel.sbe.MessageHeaderDecoder;
import io.gavel.sbe.RejectReason;
import org.agrona.DirectBuffer;

/**
 * Checks an inbound frame's SBE header before anything decodes it: schema id, version, a known command template and
 * a length that holds the template's block. Used by the ingress (first line) and the core (defence in depth).
 */
public final class FrameCheck
{
    private FrameCheck()
    {
    }

    /**
     * The correlation id of a command frame, or 0 when the frame is too short to hold one. Every command's block
     * starts with its correlation id (CommandTemplatesTest checks the schema keeps it so).
     */
    public static long correlationId(final DirectBuffer buffer, final int offset, final int length)
    {
        return length >= MessageHeaderDecoder.ENCODED_LENGTH + Long.BYTES ?
            buffer.getLong(offset + MessageHeaderDecoder.ENCODED_LENGTH, java.nio.ByteOrder.LITTLE_ENDIAN) : 0;
    }

    /** Null when the frame may be decoded, else why not: MALFORMED or UNSUPPORTED_VERSION. */
    public static RejectReason check(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return RejectReason.MALFORMED;
        }
        final int schemaId = buffer.getShort(offset + MessageHeaderDecoder.schemaIdEncodingOffset(),
            java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        if (schemaId != MessageHeaderDecoder.SCHEMA_ID)
        {
            return RejectReason.MALFORMED;
        }
        final int version = buffer.getShort(offset + MessageHeaderDecoder.versionEncodingOffset(),
            java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        if (version > MessageHeaderDecoder.SCHEMA_VERSION)
        {
            return RejectReason.UNSUPPORTED_VERSION;
        }
        final int templateId = buffer.getShort(offset + MessageHeaderDecoder.templateIdEncodingOffset(),
            java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        final int blockLength = buffer.getShort(offset + MessageHeaderDecoder.blockLengthEncodingOffset(),
            java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        final int expectedBlock = CommandTemplates.blockLength(templateId);
        if (expectedBlock < 0 || blockLength < expectedBlock ||
            length < MessageHeaderDecoder.ENCODED_LENGTH + blockLength)
        {
            return RejectReason.MALFORMED;
        }
        return null;
    }
}
