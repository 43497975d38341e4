package io.gavel.core;

import io.gavel.protocol.CommandValidator;
import io.gavel.protocol.CommandEncoder;
import io.gavel.sbe.*;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A record that reaches the core with a byte no decoder may read (an enum out of range, a group or data length past
 * the frame) is answered MALFORMED, deterministically, without an exception and without using up its correlation id:
 * the corrected retry with the same id is evaluated (issue 11, points 1 and 8).
 */
class MalformedCommandTest
{
    private final CommandEncoder encoder = new CommandEncoder();
    private final EventBuffer out = new EventBuffer();
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[512]);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final CommandRejectedDecoder rejected = new CommandRejectedDecoder();
    private MatchingCore core;
    private long sequence;
    private int length;

    @BeforeEach
    void setUp()
    {
        core = new MatchingCore(64);
    }

    @Test
    void outOfRangeEnumBytesOfCreateAuctionAreMalformedNotThrown()
    {
        final int[] offsets = {CreateAuctionDecoder.formatEncodingOffset(), CreateAuctionDecoder.tiePolicyEncodingOffset(),
            CreateAuctionDecoder.softCloseEncodingOffset(), CreateAuctionDecoder.retractionPolicyEncodingOffset()};
        final int[] values = {7, 9, 2, 3};
        for (int i = 0; i < offsets.length; i++)
        {
            createAuction(100 + i, 1 + i);
            frame.putByte(MessageHeaderDecoder.ENCODED_LENGTH + offsets[i], (byte)values[i]);
            assertEquals("MALFORMED", apply(1, Role.ADMIN), "enum at offset " + offsets[i]);
        }
    }

    @Test
    void outOfRangeSettlementResultIsMalformedNotThrown()
    {
        encoder.settlementResult(7, 1, 1, PaymentResult.PAID);
        copy();
        frame.putByte(MessageHeaderDecoder.ENCODED_LENGTH + SettlementResultDecoder.resultEncodingOffset(), (byte)7);
        assertEquals("MALFORMED", apply(1, Role.BIDDER));
    }

    @Test
    void aGroupClaimingMoreThanTheFrameHoldsIsMalformed()
    {
        createAuction(200, 5);
        final int groupAt = MessageHeaderDecoder.ENCODED_LENGTH + CreateAuctionDecoder.BLOCK_LENGTH;
        frame.putShort(groupAt + 2, (short)40, ByteOrder.LITTLE_ENDIAN);
        assertEquals("MALFORMED", apply(1, Role.ADMIN));
    }

    @Test
    void malformedDoesNotUseUpItsCorrelationId()
    {
        createAuction(300, 6);
        final int groupAt = MessageHeaderDecoder.ENCODED_LENGTH + CreateAuctionDecoder.BLOCK_LENGTH;
        frame.putShort(groupAt + 2, (short)3, ByteOrder.LITTLE_ENDIAN);
        assertEquals("MALFORMED", apply(1, Role.ADMIN));
        createAuction(300, 6);
        assertEquals("ACCEPTED", apply(1, Role.ADMIN), "the corrected retry must be evaluated, not DUPLICATE");

        encoder.settlementResult(301, 6, 1, PaymentResult.PAID);
        copy();
        frame.putByte(MessageHeaderDecoder.ENCODED_LENGTH + SettlementResultDecoder.resultEncodingOffset(), (byte)0xFF);
        assertEquals("MALFORMED", apply(1, Role.ADMIN));
        encoder.settlementResult(301, 6, 1, PaymentResult.PAID);
        copy();
        assertNotEquals("DUPLICATE", apply(1, Role.ADMIN));
    }

    @Test
    void trailingBytesAndVersionZeroAreMalformed()
    {
        encoder.lotCommand(OpenLotDecoder.TEMPLATE_ID, 400, 1, 1);
        copy();
        length += 3;
        assertEquals("MALFORMED", apply(1, Role.ADMIN));
        encoder.lotCommand(OpenLotDecoder.TEMPLATE_ID, 401, 1, 1);
        copy();
        frame.putShort(MessageHeaderDecoder.versionEncodingOffset(), (short)0, ByteOrder.LITTLE_ENDIAN);
        assertEquals("MALFORMED", apply(1, Role.ADMIN));
    }

    @Test
    void connectLengthsAreReadUnsignedAndChecked()
    {
        encoder.connect(500, 1, "aeron:ipc", "token");
        copy();
        final int channelLengthAt = MessageHeaderDecoder.ENCODED_LENGTH + ConnectDecoder.BLOCK_LENGTH;
        for (final int declared : new int[]{0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x7FFFFFF0, 1000})
        {
            frame.putInt(channelLengthAt, declared, ByteOrder.LITTLE_ENDIAN);
            assertEquals(RejectReason.MALFORMED, CommandValidator.validate(frame, 0, length), "length " + declared);
        }
        encoder.connect(501, 1, "aeron:ipc", "token");
        copy();
        assertNull(CommandValidator.validate(frame, 0, length));
        final int tokenLengthAt = channelLengthAt + 4 + "aeron:ipc".length();
        frame.putInt(tokenLengthAt, 0x80000000, ByteOrder.LITTLE_ENDIAN);
        assertEquals(RejectReason.MALFORMED, CommandValidator.validate(frame, 0, length));
    }

    private void createAuction(final long correlationId, final long auctionId)
    {
        encoder.createAuction(correlationId, auctionId, Format.TIMED, "USD", 0, TiePolicy.EARLIEST_WINS,
            RetractionPolicy.NULL_VAL, false, 0, 0, 0, 0, new long[]{0, 100_00}, new long[]{1_00, 10_00}, 2);
        copy();
    }

    private void copy()
    {
        frame.putBytes(0, encoder.buffer(), 0, encoder.length());
        length = encoder.length();
    }

    private String apply(final long principal, final Role role)
    {
        core.apply(++sequence, sequence * 1_000, principal, role, frame, 0, length, out);
        final String[] last = new String[1];
        out.forEach((buffer, offset, frameLength) ->
        {
            header.wrap(buffer, offset);
            if (header.templateId() == CommandAcceptedDecoder.TEMPLATE_ID)
            {
                last[0] = "ACCEPTED";
            }
            else if (header.templateId() == CommandRejectedDecoder.TEMPLATE_ID)
            {
                last[0] = rejected.wrapAndApplyHeader(buffer, offset, header).reason().name();
            }
        });
        return last[0];
    }
}
