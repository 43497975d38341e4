package io.gavel.core.rules;

import io.gavel.core.EventBuffer;
import io.gavel.sbe.*;
import org.agrona.DirectBuffer;

/**
 * The rules' state as SBE snapshot frames, and back: one AuctionSnapshot per auction followed by its ClerkSnapshot,
 * BidderSnapshot and LotSnapshot frames, in creation order. Restoring rebuilds exactly the state that was written, deadlines
 * included, so snapshot plus the journal after it equals a full replay.
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

    private Auction restoring;
    private long restoringCurrentLot;
    private long restoringLastClosedLot;

    private static BooleanType bool(final boolean value)
    {
        return value ? BooleanType.TRUE : BooleanType.FALSE;
    }

    public void write(final AuctionRules rules, final EventBuffer out)
    {
        for (final Auction auction : rules.auctions())
        {
            writeAuction(auction, out);
            for (final long clerk : auction.clerks())
            {
                final int offset = out.claim(MessageHeaderEncoder.ENCODED_LENGTH + ClerkSnapshotEncoder.BLOCK_LENGTH);
                clerkEncoder.wrapAndApplyHeader(out.buffer(), offset, headerEncoder)
                    .auctionId(auction.id).clerkId(clerk);
                out.commit(MessageHeaderEncoder.ENCODED_LENGTH + clerkEncoder.encodedLength());
            }
            for (final Bidder bidder : auction.bidders)
            {
                final int offset = out.claim(MessageHeaderEncoder.ENCODED_LENGTH + BidderSnapshotEncoder.BLOCK_LENGTH);
                bidderEncoder.wrapAndApplyHeader(out.buffer(), offset, headerEncoder)
                    .bidderId(bidder.id).paddle(bidder.paddle).biddingLimit(bidder.limit)
                    .status((short)bidder.status.ordinal()).exposure(bidder.exposure).strikes(bidder.strikes)
                    .retractions(bidder.retractions);
                out.commit(MessageHeaderEncoder.ENCODED_LENGTH + bidderEncoder.encodedLength());
            }
            for (final Lot lot : auction.lots)
            {
                writeLot(lot, out);
            }
        }
    }

    private void writeAuction(final Auction auction, final EventBuffer out)
    {
        final int bands = auction.increments.bandCount();
        final int offset = out.claim(256 + bands * 16);
        auctionEncoder.wrapAndApplyHeader(out.buffer(), offset, headerEncoder)
            .auctionId(auction.id).format(auction.format).currency(auction.currency)
            .premiumRateBps(auction.premiumRateBps).tiePolicy(auction.tiePolicy)
            .retractionPolicy(auction.retractionPolicy).softClose(bool(auction.softClose.enabled))
            .softCloseWindowNanos(auction.softClose.windowNanos)
            .softCloseExtensionNanos(auction.softClose.extensionNanos)
            .maxExtensions(auction.softClose.maxExtensions)
            .maxExtensionTotalNanos(auction.softClose.maxExtensionTotalNanos)
            .eventSequence(auction.eventSequence).cancelled(bool(auction.cancelled))
            .currentLotId(auction.currentLot == null ? 0 : auction.currentLot.id)
            .lastClosedLotId(auction.lastClosedLot == null ? 0 : auction.lastClosedLot.id)
            .bidders(auction.bidders.size()).lots(auction.lots.size());
        final AuctionSnapshotEncoder.IncrementsEncoder increments = auctionEncoder.incrementsCount(bands);
        for (int i = 0; i < bands; i++)
        {
            increments.next().fromAmount(auction.increments.bandStart(i))
                .increment(auction.increments.bandIncrement(i));
        }
        out.commit(MessageHeaderEncoder.ENCODED_LENGTH + auctionEncoder.encodedLength());
    }

    private void writeLot(final Lot lot, final EventBuffer out)
    {
        final ProxyBook book = lot.book;
        final LadderHistory ladder = lot.ladder;
        final int offset = out.claim(256 + book.size() * 40 + ladder.size() * 32 + lot.defaulterCount() * 8);
        lotEncoder.wrapAndApplyHeader(out.buffer(), offset, headerEncoder)
            .lotId(lot.id).startPrice(lot.startPrice).reserve(lot.reserve).buyNowPrice(lot.buyNowPrice)
            .originalEnd(lot.originalEnd).endTime(lot.end).extensions(lot.extensions).state(lot.state)
            .leaderId(lot.leaderId).price(lot.price).ask(lot.ask).askVersion(lot.askVersion)
            .overrideBand(lot.overrideBand).overrideIncrement(lot.overrideIncrement).winnerId(lot.winnerId)
            .salePrice(lot.salePrice).saleNumber(lot.saleNumber).saleReported(bool(lot.saleReported))
            .passReason(lot.passReason == null ? PassReason.NULL_VAL : lot.passReason);
        final LotSnapshotEncoder.BookEncoder bookEncoder = lotEncoder.bookCount(book.size());
        for (int i = 0; i < book.size(); i++)
        {
            bookEncoder.next().bidderId(book.bidderAt(i)).maximum(book.maximumAt(i)).sequence(book.sequenceAt(i))
                .limited(bool(book.limitedAt(i)));
        }
        final LotSnapshotEncoder.LadderEncoder ladderEncoder = lotEncoder.ladderCount(ladder.size());
        for (int i = 0; i < ladder.size(); i++)
        {
            ladderEncoder.next().bidderId(ladder.bidderAt(i)).amount(ladder.amountAt(i))
                .sequence(ladder.sequenceAt(i));
        }
        final LotSnapshotEncoder.DefaultersEncoder defaulters = lotEncoder.defaultersCount(lot.defaulterCount());
        for (int i = 0; i < lot.defaulterCount(); i++)
        {
            defaulters.next().bidderId(lot.defaulterAt(i));
        }
        out.commit(MessageHeaderEncoder.ENCODED_LENGTH + lotEncoder.encodedLength());
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
                bidderDecoder.wrapAndApplyHeader(buffer, offset, headerDecoder);
                final Bidder bidder = new Bidder(bidderDecoder.bidderId(), bidderDecoder.paddle(),
                    bidderDecoder.biddingLimit());
                bidder.status = BidderStatus.values()[bidderDecoder.status()];
                bidder.exposure = bidderDecoder.exposure();
                bidder.strikes = bidderDecoder.strikes();
                bidder.retractions = bidderDecoder.retractions();
                restoring.addBidder(bidder);
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
        final long id = auctionDecoder.auctionId();
        final Format format = auctionDecoder.format();
        final String currency = auctionDecoder.currency();
        final int premium = auctionDecoder.premiumRateBps();
        final TiePolicy tie = auctionDecoder.tiePolicy();
        final RetractionPolicy retraction = auctionDecoder.retractionPolicy();
        final SoftClosePolicy softClose = new SoftClosePolicy(auctionDecoder.softClose() == BooleanType.TRUE,
            auctionDecoder.softCloseWindowNanos(), auctionDecoder.softCloseExtensionNanos(),
            auctionDecoder.maxExtensions(), auctionDecoder.maxExtensionTotalNanos());
        final long eventSequence = auctionDecoder.eventSequence();
        final boolean cancelled = auctionDecoder.cancelled() == BooleanType.TRUE;
        restoringCurrentLot = auctionDecoder.currentLotId();
        restoringLastClosedLot = auctionDecoder.lastClosedLotId();
        final AuctionSnapshotDecoder.IncrementsDecoder bands = auctionDecoder.increments();
        final long[] starts = new long[bands.count()];
        final long[] increments = new long[bands.count()];
        int i = 0;
        for (final AuctionSnapshotDecoder.IncrementsDecoder band : bands)
        {
            starts[i] = band.fromAmount();
            increments[i] = band.increment();
            i++;
        }
        final Auction auction = new Auction(id, format, currency, IncrementTable.of(starts, increments, i),
            premium, tie, retraction, softClose);
        auction.eventSequence = eventSequence;
        auction.cancelled = cancelled;
        rules.restoreAuction(auction);
        restoring = auction;
    }

    private void readLot(final AuctionRules rules, final DirectBuffer buffer, final int offset)
    {
        final LotSnapshotDecoder d = lotDecoder.wrapAndApplyHeader(buffer, offset, headerDecoder);
        final Lot lot = new Lot(restoring, d.lotId(), d.startPrice(), d.reserve(), d.buyNowPrice(), d.originalEnd());
        lot.end = d.endTime();
        lot.extensions = d.extensions();
        lot.state = d.state();
        lot.leaderId = d.leaderId();
        lot.price = d.price();
        lot.ask = d.ask();
        lot.askVersion = d.askVersion();
        lot.overrideBand = d.overrideBand();
        lot.overrideIncrement = d.overrideIncrement();
        lot.winnerId = d.winnerId();
        lot.salePrice = d.salePrice();
        lot.saleNumber = d.saleNumber();
        lot.saleReported = d.saleReported() == BooleanType.TRUE;
        lot.passReason = d.passReason() == PassReason.NULL_VAL ? null : d.passReason();
        for (final LotSnapshotDecoder.BookDecoder entry : d.book())
        {
            lot.book.place(entry.bidderId(), entry.maximum(), entry.sequence(), entry.limited() == BooleanType.TRUE);
        }
        if (!restoring.isTimed() && !lot.book.isEmpty())
        {
            // Not in the frame: the commission price is a function of the book (R2 replay), so it is rebuilt.
            lot.bookPrice = TimedBidding.replayPrice(lot, lot.book, new ProxyBook());
        }
        for (final LotSnapshotDecoder.LadderDecoder entry : d.ladder())
        {
            lot.ladder.record(entry.bidderId(), entry.amount(), entry.sequence());
        }
        for (final LotSnapshotDecoder.DefaultersDecoder entry : d.defaulters())
        {
            lot.addDefaulter(entry.bidderId());
        }
        restoring.addLot(lot);
        if (restoring.isTimed() && !lot.isClosed())
        {
            rules.restoreDeadline(lot);
        }
        if (lot.id == restoringCurrentLot)
        {
            restoring.currentLot = lot;
        }
        if (lot.id == restoringLastClosedLot)
        {
            restoring.lastClosedLot = lot;
        }
    }

    private void finishAuction()
    {
        restoring = null;
    }
}
