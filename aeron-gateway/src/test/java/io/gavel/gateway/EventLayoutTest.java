package io.gavel.gateway;

import io.gavel.sbe.*;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the egress and AuctionMirror read without a full decode: private notices keep bidderId where Outbid has it,
 * and every public lot event starts with auctionId then eventSequence.
 */
class EventLayoutTest
{
    @Test
    void privateNoticesShareTheBidderIdOffset()
    {
        final int offset = OutbidDecoder.bidderIdEncodingOffset();
        assertEquals(offset, LotWonDecoder.bidderIdEncodingOffset());
        assertEquals(offset, SaleSettledDecoder.bidderIdEncodingOffset());
    }

    @Test
    void publicEventsStartWithAuctionIdThenEventSequence()
    {
        final int[][] offsets = {
            {AuctionCreatedDecoder.auctionIdEncodingOffset(), AuctionCreatedDecoder.eventSequenceEncodingOffset()},
            {LotAddedDecoder.auctionIdEncodingOffset(), LotAddedDecoder.eventSequenceEncodingOffset()},
            {LotOpenedDecoder.auctionIdEncodingOffset(), LotOpenedDecoder.eventSequenceEncodingOffset()},
            {BidAcceptedDecoder.auctionIdEncodingOffset(), BidAcceptedDecoder.eventSequenceEncodingOffset()},
            {PriceChangedDecoder.auctionIdEncodingOffset(), PriceChangedDecoder.eventSequenceEncodingOffset()},
            {AskChangedDecoder.auctionIdEncodingOffset(), AskChangedDecoder.eventSequenceEncodingOffset()},
            {FairWarningGivenDecoder.auctionIdEncodingOffset(), FairWarningGivenDecoder.eventSequenceEncodingOffset()},
            {EndExtendedDecoder.auctionIdEncodingOffset(), EndExtendedDecoder.eventSequenceEncodingOffset()},
            {LotSoldDecoder.auctionIdEncodingOffset(), LotSoldDecoder.eventSequenceEncodingOffset()},
            {LotPassedDecoder.auctionIdEncodingOffset(), LotPassedDecoder.eventSequenceEncodingOffset()},
            {LotReopenedDecoder.auctionIdEncodingOffset(), LotReopenedDecoder.eventSequenceEncodingOffset()},
            {BidRetractedDecoder.auctionIdEncodingOffset(), BidRetractedDecoder.eventSequenceEncodingOffset()},
        };
        for (final int[] event : offsets)
        {
            assertEquals(0, event[0]);
            assertEquals(Long.BYTES, event[1]);
        }
    }
}
