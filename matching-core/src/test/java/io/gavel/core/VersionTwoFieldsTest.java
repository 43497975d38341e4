package io.gavel.core;

import io.gavel.protocol.CommandEncoder;
import io.gavel.protocol.CommandValidator;
import io.gavel.sbe.MessageHeaderDecoder;
import io.gavel.sbe.RegisterBidderDecoder;
import io.gavel.sbe.RejectReason;
import io.gavel.sbe.SuspendBidderDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Schema version 2 appended a payment method reference to RegisterBidder and a reason to SuspendBidder
 * (VERSIONING.md): v1 frames without them stay valid, v2 frames carry printable ASCII only, and a block that ends
 * inside a field is malformed.
 */
class VersionTwoFieldsTest
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private final CommandEncoder encoder = new CommandEncoder();

    @Test
    void aRegistrationCarriesItsPaymentMethodAndValidates()
    {
        encoder.registerBidder(1, 2, 3, 4, 0, "pm_card_visa_4242");
        assertNull(CommandValidator.validate(encoder.buffer(), 0, encoder.length()));
        final RegisterBidderDecoder decoder = new RegisterBidderDecoder();
        decoder.wrapAndApplyHeader(encoder.buffer(), 0, new MessageHeaderDecoder());
        assertEquals("pm_card_visa_4242", decoder.paymentMethod().trim());
        assertEquals(2, MessageHeaderDecoder.SCHEMA_VERSION);
    }

    @Test
    void aVersionOneRegistrationWithoutTheFieldIsStillValid()
    {
        final UnsafeBuffer v1 = versionOne(RegisterBidderDecoder.paymentMethodEncodingOffset(), () ->
            encoder.registerBidder(1, 2, 3, 4, 0, ""));
        assertNull(CommandValidator.validate(v1, 0, HEADER + RegisterBidderDecoder.paymentMethodEncodingOffset()));
        final RegisterBidderDecoder decoder = new RegisterBidderDecoder();
        decoder.wrapAndApplyHeader(v1, 0, new MessageHeaderDecoder());
        assertEquals(3, decoder.bidderId());
        assertEquals("", decoder.paymentMethod().trim());
    }

    @Test
    void aControlCharacterOrTextAfterPaddingIsMalformed()
    {
        encoder.registerBidder(1, 2, 3, 4, 0, "pm_x");
        encoder.buffer().putByte(HEADER + RegisterBidderDecoder.paymentMethodEncodingOffset() + 1, (byte)0x07);
        assertEquals(RejectReason.MALFORMED, CommandValidator.validate(encoder.buffer(), 0, encoder.length()));

        encoder.registerBidder(1, 2, 3, 4, 0, "pm_x");
        encoder.buffer().putByte(HEADER + RegisterBidderDecoder.paymentMethodEncodingOffset() + 10, (byte)'y');
        assertEquals(RejectReason.MALFORMED, CommandValidator.validate(encoder.buffer(), 0, encoder.length()));

        encoder.suspendBidder(1, 2, 3, "DEFAULTS");
        assertNull(CommandValidator.validate(encoder.buffer(), 0, encoder.length()));
        encoder.buffer().putByte(HEADER + SuspendBidderDecoder.reasonEncodingOffset(), (byte)0xC3);
        assertEquals(RejectReason.MALFORMED, CommandValidator.validate(encoder.buffer(), 0, encoder.length()));
    }

    @Test
    void aBlockEndingInsideTheFieldIsMalformed()
    {
        encoder.registerBidder(1, 2, 3, 4, 0, "pm_x");
        final int cut = RegisterBidderDecoder.paymentMethodEncodingOffset() + 5;
        encoder.buffer().putShort(0, (short)cut, ByteOrder.LITTLE_ENDIAN);
        assertEquals(RejectReason.MALFORMED, CommandValidator.validate(encoder.buffer(), 0, HEADER + cut));
    }

    @Test
    void theEncoderRefusesRatherThanTruncates()
    {
        assertThrows(IllegalArgumentException.class,
            () -> encoder.registerBidder(1, 2, 3, 4, 0, "pm_" + "x".repeat(60)));
        assertThrows(IllegalArgumentException.class, () -> encoder.suspendBidder(1, 2, 3, "REASON\n"));
    }

    @Test
    void theCoreAcceptsBothVersions()
    {
        final MatchingCore core = new MatchingCore(64);
        final EventBuffer out = new EventBuffer();
        encoder.createAuction(1, 9, io.gavel.sbe.Format.TIMED, "USD", 0, io.gavel.sbe.TiePolicy.EARLIEST_WINS,
            io.gavel.sbe.RetractionPolicy.NULL_VAL, false, 0, 0, 0, 0, new long[]{0, 100_00}, new long[]{1_00, 10_00},
            2);
        core.apply(1, 1_000, 1, io.gavel.sbe.Role.ADMIN, encoder.buffer(), 0, encoder.length(), out);
        assertTrue(accepted(out));
        final UnsafeBuffer v1 = versionOne(RegisterBidderDecoder.paymentMethodEncodingOffset(), () ->
            encoder.registerBidder(2, 9, 5, 5, 0, ""));
        core.apply(2, 2_000, 1, io.gavel.sbe.Role.ADMIN, v1, 0, v1.capacity(), out);
        assertTrue(accepted(out), "v1 registration");
        encoder.registerBidder(3, 9, 6, 6, 0, "pm_6");
        core.apply(3, 3_000, 1, io.gavel.sbe.Role.ADMIN, encoder.buffer(), 0, encoder.length(), out);
        assertTrue(accepted(out), "v2 registration");
        encoder.suspendBidder(4, 9, 6, "DEFAULTS");
        core.apply(4, 4_000, 1, io.gavel.sbe.Role.ADMIN, encoder.buffer(), 0, encoder.length(), out);
        assertTrue(accepted(out), "v2 suspension");
    }

    private static boolean accepted(final EventBuffer out)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final boolean[] accepted = new boolean[1];
        out.forEach((buffer, offset, frameLength) ->
        {
            header.wrap(buffer, offset);
            accepted[0] |= header.templateId() == io.gavel.sbe.CommandAcceptedDecoder.TEMPLATE_ID;

        });
        return accepted[0];
    }

    /** The frame as a v1 client writes it: version 1, the block cut before the v2 field. */
    private UnsafeBuffer versionOne(final int v1Block, final Runnable encode)
    {
        encode.run();
        final UnsafeBuffer copy = new UnsafeBuffer(new byte[HEADER + v1Block]);
        copy.putBytes(0, encoder.buffer(), 0, HEADER + v1Block);
        copy.putShort(0, (short)v1Block, ByteOrder.LITTLE_ENDIAN);
        copy.putShort(MessageHeaderDecoder.versionEncodingOffset(), (short)1, ByteOrder.LITTLE_ENDIAN);
        return copy;
    }
}
