package io.gavel.protocol;

import io.gavel.sbe.*;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one event decoder: each template reaches its callback, public events first reach onPublicEvent with their
 * auction and sequence, frames of a newer version are read by their block length, foreign frames are not decoded.
 */
class EventDecoderTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final EventDecoder decoder = new EventDecoder();
    private final List<String> calls = new ArrayList<>();
    private final EventListener recorder = new EventListener()
    {
        public void onCommandAccepted(final CommandAcceptedDecoder event)
        {
            calls.add("accepted " + event.correlationId());
        }

        public void onOutbid(final OutbidDecoder event)
        {
            calls.add("outbid " + event.bidderId());
        }

        public void onPublicEvent(final int templateId, final DirectBuffer frame, final int offset, final int length)
        {
            calls.add("public " + templateId + " auction " + EventLayout.auctionId(frame, offset) + " seq " +
                EventLayout.eventSequence(frame, offset));
        }

        public void onBidAccepted(final BidAcceptedDecoder event)
        {
            calls.add("bid " + event.price());
        }

        public void onOtherFrame(final int templateId, final DirectBuffer frame, final int offset, final int length)
        {
            calls.add("other " + templateId);
        }
    };

    @Test
    void eachTemplateReachesItsCallback()
    {
        final int accepted = new CommandAcceptedEncoder().wrapAndApplyHeader(buffer, 0, header).correlationId(7)
            .engineSequence(3).duplicate(BooleanType.FALSE).encodedLength() + MessageHeaderEncoder.ENCODED_LENGTH;
        assertTrue(decoder.decode(buffer, 0, accepted, recorder));

        final int outbid = new OutbidEncoder().wrapAndApplyHeader(buffer, 0, header).auctionId(1).lotId(2)
            .bidderId(42).price(100).encodedLength() + MessageHeaderEncoder.ENCODED_LENGTH;
        assertEquals(42, EventLayout.noticeBidderId(buffer, 0));
        assertTrue(decoder.decode(buffer, 0, outbid, recorder));

        final int bid = new BidAcceptedEncoder().wrapAndApplyHeader(buffer, 0, header).auctionId(5).eventSequence(9)
            .lotId(1).price(150_00).encodedLength() + MessageHeaderEncoder.ENCODED_LENGTH;
        assertTrue(decoder.decode(buffer, 0, bid, recorder));

        final int tick = new TickEncoder().wrapAndApplyHeader(buffer, 0, header).encodedLength() +
            MessageHeaderEncoder.ENCODED_LENGTH;
        assertTrue(decoder.decode(buffer, 0, tick, recorder));

        assertEquals(List.of("accepted 7", "outbid 42", "public 123 auction 5 seq 9", "bid 15000",
            "other " + TickEncoder.TEMPLATE_ID), calls);
    }

    @Test
    void aNewerVersionIsReadByItsBlockLength()
    {
        // A frame from a later schema version with 16 more bytes in its block: known fields still read right.
        final OutbidEncoder outbid = new OutbidEncoder().wrapAndApplyHeader(buffer, 0, header).auctionId(1).lotId(2)
            .bidderId(42).price(100);
        header.blockLength(OutbidEncoder.BLOCK_LENGTH + 16).version(MessageHeaderEncoder.SCHEMA_VERSION + 1);
        assertTrue(decoder.decode(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + outbid.encodedLength() + 16,
            recorder));
        assertEquals(List.of("outbid 42"), calls);
    }

    @Test
    void foreignShortOrVersionZeroFramesAreNotDecoded()
    {
        final int length = new OutbidEncoder().wrapAndApplyHeader(buffer, 0, header).bidderId(42).encodedLength() +
            MessageHeaderEncoder.ENCODED_LENGTH;
        assertFalse(decoder.decode(buffer, 0, length - 1, recorder), "shorter than its block");
        assertFalse(decoder.decode(buffer, 0, 4, recorder), "shorter than a header");
        header.version(0);
        assertFalse(decoder.decode(buffer, 0, length, recorder), "version 0");
        header.version(MessageHeaderEncoder.SCHEMA_VERSION).schemaId(MessageHeaderEncoder.SCHEMA_ID + 1);
        assertFalse(decoder.decode(buffer, 0, length, recorder), "another schema");
        assertTrue(calls.isEmpty());
    }
}
