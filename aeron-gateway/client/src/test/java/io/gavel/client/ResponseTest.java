package io.gavel.client;

import io.gavel.sbe.*;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SDK's answer exposes the lot's state a refused bid missed, and says it in words the CLI prints. */
class ResponseTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();

    private Response decode()
    {
        return Response.rejected(new CommandRejectedDecoder().wrapAndApplyHeader(buffer, 0,
            headerDecoder.wrap(buffer, 0)));
    }

    @Test
    void aLiveRejectionCarriesTheAskAndItsVersion()
    {
        new CommandRejectedEncoder().wrapAndApplyHeader(buffer, 0, header).correlationId(7).engineSequence(9)
            .reason(RejectReason.NOT_AT_ASK).duplicate(BooleanType.FALSE).ask(160_00).askVersion(4)
            .minimumBid(CommandRejectedEncoder.minimumBidNullValue());
        final Response response = decode();
        assertTrue(response.hasAsk());
        assertFalse(response.hasMinimumBid());
        assertEquals(160_00, response.ask());
        assertEquals(4, response.askVersion());
        assertEquals("the ask is 160.00 (version 4)", response.lotContext());
        assertEquals("REJECTED NOT_AT_ASK, the ask is 160.00 (version 4)", response.toString());
    }

    @Test
    void aTimedRejectionCarriesTheMinimum()
    {
        new CommandRejectedEncoder().wrapAndApplyHeader(buffer, 0, header).correlationId(7).engineSequence(9)
            .reason(RejectReason.BELOW_MINIMUM).duplicate(BooleanType.FALSE).ask(55_05).askVersion(1)
            .minimumBid(55_05);
        assertEquals("REJECTED BELOW_MINIMUM, the minimum bid is 55.05", decode().toString());
    }

    @Test
    void aVersionOneRejectionCarriesNothing()
    {
        new CommandRejectedEncoder().wrapAndApplyHeader(buffer, 0, header).correlationId(7).engineSequence(9)
            .reason(RejectReason.NOT_AT_ASK).duplicate(BooleanType.TRUE);
        header.blockLength(18).version(1);
        final Response response = decode();
        assertFalse(response.hasAsk());
        assertFalse(response.hasMinimumBid());
        assertEquals("", response.lotContext());
        assertEquals("REJECTED NOT_AT_ASK (duplicate)", response.toString());
    }
}
