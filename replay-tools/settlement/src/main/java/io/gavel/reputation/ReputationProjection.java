package io.gavel.reputation;

import io.gavel.journal.JournalLayout;
import io.gavel.journal.JournalReader;
import io.gavel.sbe.*;
import org.agrona.DirectBuffer;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds every bidder's facts and every lot's activity from the journal alone, in journal order, into sorted maps:
 * the same journal always gives the same projection, byte for byte (no clock, no hash iteration order).
 * <p>
 * Commands count only when the engine accepted them (the CommandAccepted event that follows them in the journal).
 */
public final class ReputationProjection implements JournalReader.RecordVisitor
{
    final Map<Long, BidderFacts> bidders = new TreeMap<>();
    /** Auction id, then lot id. */
    final Map<Long, Map<Long, LotActivity>> lots = new TreeMap<>();

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final RegisterBidderDecoder register = new RegisterBidderDecoder();
    private final SuspendBidderDecoder suspend = new SuspendBidderDecoder();
    private final ApproveBidderDecoder approve = new ApproveBidderDecoder();
    private final LotAddedDecoder lotAdded = new LotAddedDecoder();
    private final LotOpenedDecoder lotOpened = new LotOpenedDecoder();
    private final BidAcceptedDecoder bidAccepted = new BidAcceptedDecoder();
    private final LotSoldDecoder lotSold = new LotSoldDecoder();
    private final LotPassedDecoder lotPassed = new LotPassedDecoder();
    private final SaleSettledDecoder saleSettled = new SaleSettledDecoder();
    private final BidRetractedDecoder bidRetracted = new BidRetractedDecoder();
    private int pendingTemplate;
    private long pendingAuction;
    private long pendingBidder;
    private String pendingReason = "";

    private ReputationProjection()
    {
    }

    /** Reads the whole journal in {@code dir}. */
    public static ReputationProjection of(final Path dir)
    {
        final ReputationProjection projection = new ReputationProjection();
        try (JournalReader reader = JournalReader.open(JournalLayout.openExisting(dir)))
        {
            reader.readAll(projection);
        }
        return projection;
    }

    @Override
    public boolean onRecord(final long position, final JournalRecordDecoder record, final DirectBuffer frame,
        final int offset, final int length, final boolean chainIntact)
    {
        header.wrap(frame, offset);
        if (record.kind() == RecordKind.COMMAND)
        {
            pendingTemplate = header.templateId();
            if (pendingTemplate == RegisterBidderDecoder.TEMPLATE_ID)
            {
                register.wrapAndApplyHeader(frame, offset, header);
                pendingAuction = register.auctionId();
                pendingBidder = register.bidderId();
            }
            else if (pendingTemplate == SuspendBidderDecoder.TEMPLATE_ID)
            {
                suspend.wrapAndApplyHeader(frame, offset, header);
                pendingAuction = suspend.auctionId();
                pendingBidder = suspend.bidderId();
                pendingReason = suspend.reason().trim();
            }
            else if (pendingTemplate == ApproveBidderDecoder.TEMPLATE_ID)
            {
                approve.wrapAndApplyHeader(frame, offset, header);
                pendingAuction = approve.auctionId();
                pendingBidder = approve.bidderId();
            }
            return true;
        }
        if (record.kind() == RecordKind.EVENT)
        {
            onEvent(record.engineTime(), frame, offset);
        }
        return true;
    }

    private void onEvent(final long time, final DirectBuffer frame, final int offset)
    {
        switch (header.templateId())
        {
            case CommandAcceptedDecoder.TEMPLATE_ID -> onAccepted();
            case LotAddedDecoder.TEMPLATE_ID ->
            {
                lotAdded.wrapAndApplyHeader(frame, offset, header);
                lot(lotAdded.auctionId(), lotAdded.lotId()).startPrice = lotAdded.startPrice();
            }
            case LotOpenedDecoder.TEMPLATE_ID ->
            {
                lotOpened.wrapAndApplyHeader(frame, offset, header);
                final LotActivity lot = lot(lotOpened.auctionId(), lotOpened.lotId());
                if (lot.openTime < 0)
                {
                    lot.openTime = time;
                }
            }
            case BidAcceptedDecoder.TEMPLATE_ID ->
            {
                bidAccepted.wrapAndApplyHeader(frame, offset, header);
                lot(bidAccepted.auctionId(), bidAccepted.lotId()).bids.add(
                    new LotActivity.Bid(bidAccepted.bidderId(), time, bidAccepted.price()));
                bidder(bidAccepted.bidderId()).bids++;
            }
            case LotSoldDecoder.TEMPLATE_ID ->
            {
                lotSold.wrapAndApplyHeader(frame, offset, header);
                final LotActivity lot = lot(lotSold.auctionId(), lotSold.lotId());
                lot.winners.add(lotSold.bidderId());
                if (lot.closeTime < 0)
                {
                    lot.closeTime = time;
                }
                bidder(lotSold.bidderId()).wins++;
            }
            case LotPassedDecoder.TEMPLATE_ID ->
            {
                lotPassed.wrapAndApplyHeader(frame, offset, header);
                final LotActivity lot = lot(lotPassed.auctionId(), lotPassed.lotId());
                if (lot.closeTime < 0)
                {
                    lot.closeTime = time;
                }
            }
            case SaleSettledDecoder.TEMPLATE_ID ->
            {
                saleSettled.wrapAndApplyHeader(frame, offset, header);
                final BidderFacts facts = bidder(saleSettled.bidderId());
                if (saleSettled.result() == PaymentResult.PAID)
                {
                    facts.paid++;
                }
                else
                {
                    facts.defaults++;
                }
            }
            case BidRetractedDecoder.TEMPLATE_ID ->
            {
                bidRetracted.wrapAndApplyHeader(frame, offset, header);
                bidder(bidRetracted.bidderId()).retractions++;
            }
            default ->
            {
            }
        }
    }

    private void onAccepted()
    {
        if (pendingTemplate == RegisterBidderDecoder.TEMPLATE_ID)
        {
            final BidderFacts facts = bidder(pendingBidder);
            facts.registrations++;
            facts.activeAuctions.add(pendingAuction);
        }
        else if (pendingTemplate == SuspendBidderDecoder.TEMPLATE_ID)
        {
            final BidderFacts facts = bidder(pendingBidder);
            facts.suspensions.add("auction " + pendingAuction + (pendingReason.isEmpty() ? "" : " " + pendingReason));
            facts.activeAuctions.remove(pendingAuction);
            facts.suspendedAuctions.add(pendingAuction);
        }
        else if (pendingTemplate == ApproveBidderDecoder.TEMPLATE_ID)
        {
            // Approving a registration is routine; approving a suspended bidder reinstates them, a person's decision
            // on the facts of that moment.
            final BidderFacts facts = bidder(pendingBidder);
            if (facts.suspendedAuctions.remove(pendingAuction))
            {
                facts.activeAuctions.add(pendingAuction);
                final BidderFacts.Reinstatement before = facts.reinstatements.get(pendingAuction);
                facts.reinstatements.put(pendingAuction, new BidderFacts.Reinstatement(facts.defaults, facts.bids,
                    before == null ? 1 : before.count() + 1));
            }
        }
        pendingTemplate = 0;
    }

    BidderFacts bidder(final long bidderId)
    {
        return bidders.computeIfAbsent(bidderId, BidderFacts::new);
    }

    private LotActivity lot(final long auctionId, final long lotId)
    {
        return lots.computeIfAbsent(auctionId, a -> new TreeMap<>()).computeIfAbsent(lotId,
            l -> new LotActivity(auctionId, lotId));
    }
}
