package io.gavel.protocol;

import io.gavel.sbe.*;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Checks a whole inbound command frame before anything decodes it, so that no decoder can throw on it and nothing is
 * allocated from a length it declares. The ingress refuses what fails here before journaling it; the core gives any
 * such record that reaches it anyway (a journal written before this check) the same deterministic MALFORMED answer.
 * <p>
 * Beyond the header ({@link FrameCheck}): every enum byte is one the schema names (or the SBE null where that means
 * "not given"), every variable-length field's length is read unsigned and must fit in the bytes left and under a
 * small cap, a group's dimensions must fit, and a frame must end where its last field ends. Allocation-free.
 */
public final class CommandValidator
{
    /** The longest response channel a Connect may name. */
    public static final int MAX_RESPONSE_CHANNEL_LENGTH = 512;
    /** The longest session token a Connect may carry. */
    public static final int MAX_TOKEN_LENGTH = 1024;
    /** The most increment bands a CreateAuction may carry. */
    public static final int MAX_INCREMENT_BANDS = 64;

    private static final int NULL_ENUM = 0xFF;
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int VAR_LENGTH_FIELD = 4;
    private static final int GROUP_HEADER = 4;

    private CommandValidator()
    {
    }

    /** Null when the frame may be decoded and applied; otherwise MALFORMED or UNSUPPORTED_VERSION. */
    public static RejectReason validate(final DirectBuffer buffer, final int offset, final int length)
    {
        final RejectReason headerReason = FrameCheck.check(buffer, offset, length);
        if (headerReason != null)
        {
            return headerReason;
        }
        final int templateId = u16(buffer, offset + MessageHeaderDecoder.templateIdEncodingOffset());
        final int version = u16(buffer, offset + MessageHeaderDecoder.versionEncodingOffset());
        if (version == 0)
        {
            return RejectReason.MALFORMED;
        }
        final int blockLength = u16(buffer, offset + MessageHeaderDecoder.blockLengthEncodingOffset());
        final int block = offset + HEADER;
        final int end = offset + length;
        final int fixedEnd = block + blockLength;
        switch (templateId)
        {
            case ConnectDecoder.TEMPLATE_ID:
                return connectEnd(buffer, fixedEnd, end) == end ? null : RejectReason.MALFORMED;
            case CreateAuctionDecoder.TEMPLATE_ID:
                return createAuction(buffer, block, fixedEnd, end);
            case SettlementResultDecoder.TEMPLATE_ID:
                return isOneOf(u8(buffer, block + SettlementResultDecoder.resultEncodingOffset()), 1, false) &&
                    fixedEnd == end ? null : RejectReason.MALFORMED;
            case AssignClerkDecoder.TEMPLATE_ID:
                return isOneOf(u8(buffer, block + AssignClerkDecoder.assignEncodingOffset()), 1, false) &&
                    fixedEnd == end ? null : RejectReason.MALFORMED;
            case RetractDecoder.TEMPLATE_ID:
                return printableOrNul(buffer, block + RetractDecoder.reasonEncodingOffset(),
                    RetractDecoder.reasonLength()) && fixedEnd == end ? null : RejectReason.MALFORMED;
            case RegisterBidderDecoder.TEMPLATE_ID:
                return optionalText(buffer, block, blockLength, RegisterBidderDecoder.paymentMethodEncodingOffset(),
                    RegisterBidderDecoder.paymentMethodLength()) && fixedEnd == end ? null : RejectReason.MALFORMED;
            case SuspendBidderDecoder.TEMPLATE_ID:
                return optionalText(buffer, block, blockLength, SuspendBidderDecoder.reasonEncodingOffset(),
                    SuspendBidderDecoder.reasonLength()) && fixedEnd == end ? null : RejectReason.MALFORMED;
            default:
                // Every other command is int64/int32 fields only: any bits are a value the rules judge.
                return fixedEnd == end ? null : RejectReason.MALFORMED;
        }
    }

    /**
     * Where a Connect's variable-length fields end, or -1 when a length is larger than the bytes left or its cap.
     * Lengths are uint32 on the wire: read unsigned, so 0x80000000 and 0xFFFFFFFF are large, never negative.
     */
    public static int connectEnd(final DirectBuffer buffer, final int fixedEnd, final int end)
    {
        final int channelEnd = varFieldEnd(buffer, fixedEnd, end, MAX_RESPONSE_CHANNEL_LENGTH);
        return channelEnd < 0 ? -1 : varFieldEnd(buffer, channelEnd, end, MAX_TOKEN_LENGTH);
    }

    private static int varFieldEnd(final DirectBuffer buffer, final int at, final int end, final int cap)
    {
        if (end - at < VAR_LENGTH_FIELD)
        {
            return -1;
        }
        final long declared = buffer.getInt(at, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL;
        final int data = at + VAR_LENGTH_FIELD;
        if (declared > cap || declared > end - data || !printable(buffer, data, (int)declared))
        {
            return -1;
        }
        return data + (int)declared;
    }

    private static RejectReason createAuction(final DirectBuffer buffer, final int block, final int fixedEnd,
        final int end)
    {
        if (!isOneOf(u8(buffer, block + CreateAuctionDecoder.formatEncodingOffset()), 1, true) ||
            !isOneOf(u8(buffer, block + CreateAuctionDecoder.tiePolicyEncodingOffset()), 1, true) ||
            !isOneOf(u8(buffer, block + CreateAuctionDecoder.retractionPolicyEncodingOffset()), 1, true) ||
            !isOneOf(u8(buffer, block + CreateAuctionDecoder.softCloseEncodingOffset()), 1, false) ||
            !printable(buffer, block + CreateAuctionDecoder.currencyEncodingOffset(),
                CreateAuctionDecoder.currencyLength()))
        {
            return RejectReason.MALFORMED;
        }
        if (end - fixedEnd < GROUP_HEADER)
        {
            return RejectReason.MALFORMED;
        }
        final int entryLength = u16(buffer, fixedEnd);
        final int count = u16(buffer, fixedEnd + 2);
        if (entryLength < CreateAuctionDecoder.IncrementsDecoder.sbeBlockLength() || count > MAX_INCREMENT_BANDS ||
            (long)entryLength * count != end - fixedEnd - GROUP_HEADER)
        {
            return RejectReason.MALFORMED;
        }
        return null;
    }

    /** Whether an enum byte is 0..{@code max}, or the SBE null value where the schema lets it mean "not given". */
    private static boolean isOneOf(final int value, final int max, final boolean nullAllowed)
    {
        return value <= max || (nullAllowed && value == NULL_ENUM);
    }

    private static boolean printable(final DirectBuffer buffer, final int from, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            final byte b = buffer.getByte(from + i);
            if (b < 0x20 || b > 0x7E)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * A text field appended in version 2: absent from a v1 block (fine), wholly present and printable in a v2 block.
     * A block that ends inside the field is malformed: nothing may decode half a field.
     */
    private static boolean optionalText(final DirectBuffer buffer, final int block, final int blockLength,
        final int fieldOffset, final int fieldLength)
    {
        if (blockLength <= fieldOffset)
        {
            return true;
        }
        return blockLength >= fieldOffset + fieldLength && printableOrNul(buffer, block + fieldOffset, fieldLength);
    }

    /** Fixed-length text: printable ASCII, padded with NULs after the text. */
    private static boolean printableOrNul(final DirectBuffer buffer, final int from, final int length)
    {
        boolean padding = false;
        for (int i = 0; i < length; i++)
        {
            final byte b = buffer.getByte(from + i);
            if (b == 0)
            {
                padding = true;
            }
            else if (padding || b < 0x20 || b > 0x7E)
            {
                return false;
            }
        }
        return true;
    }

    private static int u8(final DirectBuffer buffer, final int at)
    {
        return buffer.getByte(at) & 0xFF;
    }

    private static int u16(final DirectBuffer buffer, final int at)
    {
        return buffer.getShort(at, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
    }
}
