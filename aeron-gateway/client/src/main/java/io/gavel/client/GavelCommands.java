package io.gavel.client;

import io.gavel.sbe.PaymentResult;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The commands a Gavel client sends, whatever answers them: a single engine ({@link GavelClient}), a cluster's
 * leader ({@code ClusterGavelClient}) or the shard of the auction ({@code ShardedClusterClient}). Each method returns
 * the command's correlation id, to {@link #await} its answer with.
 */
public interface GavelCommands extends AutoCloseable
{
    long createAuction(long auctionId, AuctionSettings settings);

    /** Adds a lot; {@code endTime} is engine epoch nanos for TIMED lots, 0 for LIVE. Reserve and buy-now 0 = none. */
    long addLot(long auctionId, long lotId, long startPrice, long reserve, long buyNowPrice, long endTime);

    /** Registers a bidder; {@code paymentMethod} is the payment provider's reference, "" = none. */
    long registerBidder(long auctionId, long bidderId, long paddle, long limit, String paymentMethod);

    long approveBidder(long auctionId, long bidderId);

    /** Suspends with a chosen correlation id (repeat it to retry safely) and a one-word reason the journal keeps. */
    long suspendBidder(long correlationId, long auctionId, long bidderId, String reason);

    long openLot(long auctionId, long lotId);

    long fairWarning(long auctionId, long lotId);

    long hammer(long auctionId, long lotId);

    long reopen(long auctionId, long lotId);

    long withdrawLot(long auctionId, long lotId);

    long assignClerk(long auctionId, long clerkId, boolean assign);

    /** Sets the lot's increment from now on (auctioneer or assigned clerk). */
    long setIncrement(long auctionId, long lotId, long increment);

    /** Moves the lot's ask to {@code ask} (auctioneer or assigned clerk). */
    long jumpAsk(long auctionId, long lotId, long ask);

    long maxBid(long auctionId, long lotId, long bidderId, long maximum);

    long liveBid(long auctionId, long lotId, long bidderId, long amount, int askVersion);

    long floorBid(long auctionId, long lotId, long paddle, long amount, int askVersion);

    long buyNow(long auctionId, long lotId, long bidderId);

    long settlementResult(long auctionId, long lotId, PaymentResult result);

    /** Asks for every lot's state: one LotStatus frame per lot to the listener, then the answer. */
    long requestAuctionStatus(long auctionId);

    /**
     * Asks for one bidder's limit, exposure and status in an auction: one BidderStatus frame to the listener, then
     * the answer (the bidder itself, an edge, and those who run the auction may ask).
     */
    long requestBidderStatus(long auctionId, long bidderId);

    /** Polls until the answer to {@code correlationId} arrives or the timeout passes (then null). */
    Response await(long correlationId, Duration timeout);

    /** Polls until {@code condition} holds or the timeout passes; returns whether it held. */
    boolean pollUntil(BooleanSupplier condition, Duration timeout);

    /** Delivers what has arrived and does the client's housekeeping; returns the work done. */
    int poll();

    /**
     * Whether this client's session is gone for good and a new client must be opened. For a client told not to wait
     * for its upstream (a cluster client with {@code reconnectInPoll(false)}, an engine client with a
     * {@code sendWait}); any other waits or reconnects inside its own calls (a cluster client may say true until its
     * next poll reconnects), and a client that cannot tell says false.
     */
    default boolean isSessionLost()
    {
        return false;
    }

    /** Where the commands go, for messages ("engine", "cluster, leader member 1", "shard east"). */
    String describe();

    void close();
}
