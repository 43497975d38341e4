package io.gavel.core.rules;

import io.gavel.core.EventBuffer;
import io.gavel.sbe.*;
import org.agrona.DirectBuffer;

/**
 * The rules' state as SBE snapshot frames, and back: one AuctionSnapshot per auction followed by its ClerkSnapshot,
 * BidderSnapshot and LotSnapshot frames, in creation order. This class frames them; each part encodes and decodes
 * its own fields ({@code writeTo}/{@code readFrom} next to the fields in Auction, Bidder, Lot and the lot's parts).
 * Restoring rebuilds exactly the state that was written, deadlines included, so snapshot plus the journal after it
 * equals a full replay. The byte format is the one written before the parts encoded themselves.
 */
public final class RulesSnapshot
{
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final AuctionSnapshotEncoder auctionEncoder = new AuctionSnapshotEncoder();
    private final BidderSnapshotEncoder bidderEncoder = new BidderSnapshotEncoder();
    private final LotSnapshotEncoder lotEncoder = new LotSnapshotEncoder();
    private final AuctionSnapshotDecoder auctionDecoder = new AuctionSnapshotDecoder();
    private final BidderSnapshotDecoder bidderDecoder = new BidderSnapshotDecoder();
    private final LotSnapshotDecoder lotDecoder = new LotSnapshotDecoder();
    private final ClerkSnapshotEncoder clerkEncoder = new ClerkSnapshotEncoder();
    private final ClerkSnapshotDecoder clerkDecoder = new ClerkSnapshotDecoder();

    private final ProxyBook scratch = new ProxyBook();
    private Auction restoring;
    private long restoringCurrentLot;
    private long restoringLastClosedLot;

    public void write(final AuctionRules rules, final EventBuffer out)
    {
        for (final Auction auction : rules.auctions())
        {
            int offset = out.claim(auction.snapshotLength());
            auction.writeTo(auctionEncoder.wrapAndApplyHeader(out.buffer(), offset, headerEncoder));
            out.commit(MessageHeaderEncoder.ENCODED_LENGTH + auctionEncoder.encodedLength());
            for (final long clerk : auction.clerks())
            {
                offset = out.claim(MessageHeaderEncoder.ENCODED_LENGTH + ClerkSnapshotEncoder.BLOCK_LENGTH);
                clerkEncoder.wrapAndApplyHeader(out.buffer(), offset, headerEncoder)
                    .auctionId(auction.id).clerkId(clerk);
                out.commit(MessageHeaderEncoder.ENCODED_LENGTH + clerkEncoder.encodedLength());
            }
            for (final Bidder bidder : auction.bidders)
            {
                offset = out.claim(MessageHeaderEncoder.ENCODED_LENGTH + BidderSnapshotEncoder.BLOCK_LENGTH);
                bidder.writeTo(bidderEncoder.wrapAndApplyHeader(out.buffer(), offset, headerEncoder));
                out.commit(MessageHeaderEncoder.ENCODED_LENGTH + bidderEncoder.encodedLength());
            }
            for (final Lot lot : auction.lots)
            {
                offset = out.claim(lot.snapshotLength());
                lot.writeTo(lotEncoder.wrapAndApplyHeader(out.buffer(), offset, headerEncoder));
                out.commit(MessageHeaderEncoder.ENCODED_LENGTH + lotEncoder.encodedLength());
            }
        }
    }

    /**
     * Applies one snapshot frame of the rules' part to {@code rules}, which must start empty.
     *
     * @return false when the frame is not one of the rules' frames.
     */
    public boolean read(final AuctionRules rules, final DirectBuffer buffer, final int offset)
    {
        headerDecoder.wrap(buffer, offset);
        switch (headerDecoder.templateId())
        {
            case AuctionSnapshotDecoder.TEMPLATE_ID:
                finishAuction();
                readAuction(rules, buffer, offset);
                return true;
            case BidderSnapshotDecoder.TEMPLATE_ID:
                restoring.addBidder(Bidder.readFrom(bidderDecoder.wrapAndApplyHeader(buffer, offset, headerDecoder)));
                return true;
            case ClerkSnapshotDecoder.TEMPLATE_ID:
                clerkDecoder.wrapAndApplyHeader(buffer, offset, headerDecoder);
                restoring.assignClerk(clerkDecoder.clerkId(), true);
                return true;
            case LotSnapshotDecoder.TEMPLATE_ID:
                readLot(rules, buffer, offset);
                return true;
            default:
                finishAuction();
                return false;
        }
    }

    private void readAuction(final AuctionRules rules, final DirectBuffer buffer, final int offset)
    {
        auctionDecoder.wrapAndApplyHeader(buffer, offset, headerDecoder);
        restoringCurrentLot = auctionDecoder.currentLotId();
        restoringLastClosedLot = auctionDecoder.lastClosedLotId();
        restoring = Auction.readFrom(auctionDecoder);
        rules.restoreAuction(restoring);
    }

    private void readLot(final AuctionRules rules, final DirectBuffer buffer, final int offset)
    {
        final Lot lot = Lot.readFrom(restoring, rules.bookArena(),
            lotDecoder.wrapAndApplyHeader(buffer, offset, headerDecoder), scratch);
        restoring.restoreLot(lot, restoringCurrentLot, restoringLastClosedLot);
        if (restoring.isTimed() && !lot.isClosed())
        {
            rules.restoreDeadline(lot);
        }
    }

    private void finishAuction()
    {
        restoring = null;
    }
}
