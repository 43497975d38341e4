package io.gavel.core.rules;

import io.gavel.sbe.LotState;

/**
 * The public state of every lot and bidder, written the same way from the engine and from the reference model so
 * the two can be compared as text (and read in a failure message).
 */
final class WholeSaleState
{
    private WholeSaleState()
    {
    }

    static String of(final AuctionRules rules)
    {
        final StringBuilder out = new StringBuilder();
        for (final Auction auction : rules.auctions())
        {
            for (final Lot lot : auction.lots())
            {
                final boolean scheduled = lot.state() == LotState.SCHEDULED;
                line(out, auction.id(), lot.id(), lot.state().name(),
                    scheduled ? lot.commissionLeader() : lot.leaderId(),
                    scheduled ? lot.commissionPrice() : lot.displayPrice(), auction.isTimed() ? 0 : lot.ask(),
                    auction.isTimed() ? 0 : lot.askVersion(), auction.isTimed() ? lot.end() : 0, lot.extensions(),
                    lot.reserveMet(), lot.state() == LotState.SOLD ? lot.winnerId() : 0,
                    lot.state() == LotState.SOLD ? lot.salePrice() : 0, lot.saleNumber(),
                    lot.passReason() == null ? "-" : lot.passReason().name());
            }
            for (final Bidder bidder : auction.bidders())
            {
                out.append("  bidder ").append(auction.id()).append('/').append(bidder.id()).append(' ')
                    .append(bidder.status()).append(" strikes=").append(bidder.strikes()).append(" exposure=")
                    .append(bidder.limit() > 0 ? bidder.exposure() : 0).append('\n');
            }
        }
        return out.toString();
    }

    static String of(final WholeSaleModel model)
    {
        final StringBuilder out = new StringBuilder();
        for (final ModelSale.Auction auction : model.auctions.values())
        {
            for (final ModelSale.Lot lot : auction.lots.values())
            {
                final boolean scheduled = lot.state.equals("SCHEDULED");
                final long leader = scheduled ? (lot.book.isEmpty() ? 0 : lot.ranked().get(0).bidder()) : lot.leader;
                final long price = scheduled ? (lot.book.isEmpty() ? lot.start : lot.bookPrice) :
                    lot.leader != 0 ? lot.price : lot.start;
                final boolean sold = lot.state.equals("SOLD");
                line(out, auction.id, lot.id, lot.state, leader, price, auction.live ? lot.ask : 0,
                    auction.live ? lot.askVersion : 0, auction.live ? 0 : lot.end, lot.extensions, lot.reserveMet(),
                    sold ? lot.winner : 0, sold ? lot.salePrice : 0, lot.saleNumber,
                    lot.passReason == null ? "-" : lot.passReason);
            }
            for (final ModelSale.Bidder bidder : auction.bidders.values())
            {
                long exposure = 0;
                for (final ModelSale.Lot lot : auction.lots.values())
                {
                    exposure += WholeSaleModel.exposureOf(lot, bidder.id);
                }
                out.append("  bidder ").append(auction.id).append('/').append(bidder.id).append(' ')
                    .append(bidder.status).append(" strikes=").append(bidder.strikes).append(" exposure=")
                    .append(bidder.limit > 0 ? exposure : 0).append('\n');
            }
        }
        return out.toString();
    }

    private static void line(final StringBuilder out, final long auction, final long lot, final String state,
        final long leader, final long price, final long ask, final int askVersion, final long end,
        final int extensions, final boolean reserveMet, final long winner, final long salePrice, final int sale,
        final String passReason)
    {
        out.append("  lot ").append(auction).append('/').append(lot).append(' ').append(state)
            .append(" leader=").append(leader).append(" price=").append(price).append(" ask=").append(ask)
            .append(" v=").append(askVersion).append(" end=").append(end).append(" ext=").append(extensions)
            .append(" reserve-met=").append(reserveMet).append(" winner=").append(winner).append(" sale-price=")
            .append(salePrice).append(" sale=").append(sale).append(" passed=").append(passReason).append('\n');
    }
}
