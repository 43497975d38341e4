package io.gavel.protocol;

import io.gavel.sbe.MessageHeaderDecoder;
import io.gavel.sbe.OutbidDecoder;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Where the engine's events keep the fields routers read without a full decode. The schema keeps them there
 * (EventLayoutTest): every public lot event (templates 120-149) starts with auctionId then eventSequence; every
 * private notice (Outbid, LotWon, SaleSettled) has bidderId at Outbid's offset.
 */
public final class EventLayout
{
    /** The first public lot event template. */
    public static final int FIRST_PUBLIC_TEMPLATE = 120;
    /** The last template id reserved for public lot events. */
    public static final int LAST_PUBLIC_TEMPLATE = 149;

    private static final int BLOCK = MessageHeaderDecoder.ENCODED_LENGTH;

    private EventLayout()
    {
    }

    /** Whether a template is a public lot event, sent on the public stream with its auction's event sequence. */
    public static boolean isPublic(final int templateId)
    {
        return templateId >= FIRST_PUBLIC_TEMPLATE && templateId <= LAST_PUBLIC_TEMPLATE;
    }

    /** The auction of a public event frame (header at {@code offset}). */
    public static long auctionId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + BLOCK, ByteOrder.LITTLE_ENDIAN);
    }

    /** The per-auction event sequence of a public event frame (header at {@code offset}). */
    public static long eventSequence(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + BLOCK + Long.BYTES, ByteOrder.LITTLE_ENDIAN);
    }

    /** The bidder a private notice (Outbid, LotWon, SaleSettled) is for (header at {@code offset}). */
    public static long noticeBidderId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + BLOCK + OutbidDecoder.bidderIdEncodingOffset(), ByteOrder.LITTLE_ENDIAN);
    }
}
