package io.gavel.client;

import io.aeron.Aeron;
import io.aeron.logbuffer.FragmentHandler;
import io.gavel.protocol.CommandEncoder;
import io.gavel.sbe.*;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Gavel client over Aeron: connects a session with a signed token, sends commands, and delivers the engine's
 * answers and events to a {@link GavelListener} from {@link #poll()}. Not thread-safe: one thread uses a client.
 * <p>
 * Every command method returns its correlation id at once; the answer arrives through
 * {@link GavelListener#onResponse} or {@link #await}. Retrying a command with the same correlation id (the
 * {@code retry} methods) is safe: the engine answers a repeat with the original outcome and changes nothing.
 *
 * <pre>{@code
 * try (GavelClient bidder = GavelClient.connect(new GavelClient.Context().aeron(aeron).token(token)))
 * {
 *     final long id = bidder.maxBid(auctionId, lotId, bidderId, 50_00);
 *     final Response answer = bidder.await(id, Duration.ofSeconds(1));
 * }
 * }</pre>
 * This class builds commands; the Aeron side and the send path that reads answers while back-pressured are in
 * {@code EngineLink}, the connect handshake in {@code SessionHandshake}, decoding in {@code EventDispatcher}.
 */
public final class GavelClient implements GavelCommands
{
    private static final AtomicLong CORRELATION_IDS = new AtomicLong(System.currentTimeMillis() * 1_000_000L);

    private final Context context;
    private final ResponseTracker tracker = new ResponseTracker();
    private final EventDispatcher dispatcher;
    private final CommandEncoder encoder = new CommandEncoder();
    private final IdleStrategy idle = new BackoffIdleStrategy(10, 20, 1_000, 100_000);
    private final EngineLink link;

    /** Where the engine is and who this client is. Defaults match the engine's defaults (IPC). */
    public static final class Context
    {
        // Package-private: EngineLink and SessionHandshake read them.
        Aeron aeron;
        String ingressChannel = "aeron:ipc";
        int ingressStream = 1001;
        String publicChannel = "aeron:ipc";
        int publicStream = 1002;
        String responseChannel;
        int responseStream = 2000 + ThreadLocalRandom.current().nextInt(1 << 20);
        String token;
        boolean subscribePublic = true;
        GavelListener listener = new GavelListener()
        {
        };
        Duration timeout = Duration.ofSeconds(5);
        Duration heartbeatInterval = Duration.ofSeconds(1);
        /** Null: a send waits up to {@link #timeout} for back pressure and for an ingress that is not connected. */
        Duration sendWait;
        boolean closesAeron;

        /** Whether {@link GavelClient#close()} also closes the Aeron it was given (a client that owns it). */
        public Context closesAeron(final boolean closesAeron)
        {
            this.closesAeron = closesAeron;
            return this;
        }

        public Context aeron(final Aeron aeron)
        {
            this.aeron = aeron;
            return this;
        }

        public Context ingress(final String channel, final int stream)
        {
            this.ingressChannel = channel;
            this.ingressStream = stream;
            return this;
        }

        public Context publicStream(final String channel, final int stream)
        {
            this.publicChannel = channel;
            this.publicStream = stream;
            return this;
        }

        /** Where the engine sends this session's private answers; default IPC, or an ephemeral UDP port on loopback. */
        public Context response(final String channel, final int stream)
        {
            this.responseChannel = channel;
            this.responseStream = stream;
            return this;
        }

        public Context token(final String token)
        {
            this.token = token;
            return this;
        }

        /** Whether to receive the public market-data stream (default true). */
        public Context subscribePublic(final boolean subscribe)
        {
            this.subscribePublic = subscribe;
            return this;
        }

        public Context listener(final GavelListener listener)
        {
            this.listener = listener;
            return this;
        }

        public Context timeout(final Duration timeout)
        {
            this.timeout = timeout;
            return this;
        }

        public Context heartbeatInterval(final Duration interval)
        {
            this.heartbeatInterval = interval;
            return this;
        }

        /**
         * For a thread that must never wait on an engine that is gone (the web edge): once connected, a send waits
         * at most {@code wait} for back pressure, and a send or heartbeat that finds the engine's ingress not
         * connected fails at once and marks the session lost ({@link GavelClient#isSessionLost}), instead of
         * retrying until {@link #timeout}. Unset (the default), sends wait up to the timeout as before.
         */
        public Context sendWait(final Duration wait)
        {
            this.sendWait = wait;
            return this;
        }
    }

    private GavelClient(final Context context)
    {
        this.context = context;
        if (context.aeron == null || context.token == null)
        {
            throw new IllegalArgumentException("a client needs an Aeron instance and a token");
        }
        dispatcher = new EventDispatcher(context.listener, tracker);
        link = new EngineLink(context, dispatcher, encoder, idle);
    }

    /** Connects a session and waits for the engine to accept it. */
    public static GavelClient connect(final Context context)
    {
        final GavelClient client = new GavelClient(context);
        try
        {
            SessionHandshake.connect(context, client.link, client.encoder, client.idle, client);
            return client;
        }
        catch (final RuntimeException ex)
        {
            client.close();
            throw ex;
        }
    }

    public static long nextCorrelationId()
    {
        return CORRELATION_IDS.incrementAndGet();
    }

    /** Whether the public market-data stream is connected (its publisher's image is here); false when unsubscribed. */
    public boolean isPublicConnected()
    {
        return link.isPublicConnected();
    }

    /** Replaces the listener (for example once set-up is done). */
    public void listener(final GavelListener listener)
    {
        dispatcher.listener(listener);
    }

    /** Delivers what has arrived to the listener and keeps the session alive; returns the work done. */
    public int poll()
    {
        return link.poll();
    }

    /**
     * With a {@link Context#sendWait}: whether the engine's ingress was found not connected (the engine stopped);
     * the session is gone for good (a restarted engine does not know it) and a new client must connect.
     */
    @Override
    public boolean isSessionLost()
    {
        return link.isLost();
    }

    /** Polls until the answer to {@code correlationId} arrives or the timeout passes (then null). */
    public Response await(final long correlationId, final Duration timeout)
    {
        return Polling.answer(this::poll, idle, tracker::take, correlationId, timeout);
    }

    /** Polls until {@code condition} holds or the timeout passes; returns whether it held. */
    public boolean pollUntil(final java.util.function.BooleanSupplier condition, final Duration timeout)
    {
        return Polling.until(this::poll, idle, condition, timeout);
    }

    public long createAuction(final long auctionId, final AuctionSettings settings)
    {
        final long id = nextCorrelationId();
        settings.encodeCreate(encoder, id, auctionId);
        return send(id);
    }

    /** Adds a lot; {@code endTime} is engine epoch nanos for TIMED lots, 0 for LIVE. Reserve and buy-now 0 = none. */
    public long addLot(final long auctionId, final long lotId, final long startPrice, final long reserve,
        final long buyNowPrice, final long endTime)
    {
        final long id = nextCorrelationId();
        encoder.addLot(id, auctionId, lotId, startPrice, reserve, buyNowPrice, endTime);
        return send(id);
    }

    public long registerBidder(final long auctionId, final long bidderId, final long paddle, final long limit)
    {
        return registerBidder(auctionId, bidderId, paddle, limit, "");
    }

    /**
     * Registers a bidder with the payment provider's reference to their payment method (e.g. {@code pm_...}; never a
     * card number), which the settlement service charges when they win; "" = none.
     */
    public long registerBidder(final long auctionId, final long bidderId, final long paddle, final long limit,
        final String paymentMethod)
    {
        final long id = nextCorrelationId();
        encoder.registerBidder(id, auctionId, bidderId, paddle, limit, paymentMethod);
        return send(id);
    }

    public long approveBidder(final long auctionId, final long bidderId)
    {
        final long id = nextCorrelationId();
        encoder.approveBidder(id, auctionId, bidderId);
        return send(id);
    }

    public long suspendBidder(final long auctionId, final long bidderId)
    {
        return suspendBidder(nextCorrelationId(), auctionId, bidderId, "");
    }

    /** Suspends with a chosen correlation id (repeat it to retry safely) and a one-word reason the journal keeps. */
    public long suspendBidder(final long correlationId, final long auctionId, final long bidderId,
        final String reason)
    {
        encoder.suspendBidder(correlationId, auctionId, bidderId, reason);
        return send(correlationId);
    }

    public long openLot(final long auctionId, final long lotId)
    {
        final long id = nextCorrelationId();
        encoder.lotCommand(OpenLotEncoder.TEMPLATE_ID, id, auctionId, lotId);
        return send(id);
    }

    public long fairWarning(final long auctionId, final long lotId)
    {
        final long id = nextCorrelationId();
        encoder.lotCommand(FairWarningEncoder.TEMPLATE_ID, id, auctionId, lotId);
        return send(id);
    }

    public long hammer(final long auctionId, final long lotId)
    {
        final long id = nextCorrelationId();
        encoder.lotCommand(HammerEncoder.TEMPLATE_ID, id, auctionId, lotId);
        return send(id);
    }

    public long reopen(final long auctionId, final long lotId)
    {
        final long id = nextCorrelationId();
        encoder.lotCommand(ReopenEncoder.TEMPLATE_ID, id, auctionId, lotId);
        return send(id);
    }

    public long withdrawLot(final long auctionId, final long lotId)
    {
        final long id = nextCorrelationId();
        encoder.lotCommand(WithdrawLotEncoder.TEMPLATE_ID, id, auctionId, lotId);
        return send(id);
    }

    public long setIncrement(final long auctionId, final long lotId, final long increment)
    {
        final long id = nextCorrelationId();
        encoder.setIncrement(id, auctionId, lotId, increment);
        return send(id);
    }

    public long jumpAsk(final long auctionId, final long lotId, final long ask)
    {
        final long id = nextCorrelationId();
        encoder.jumpAsk(id, auctionId, lotId, ask);
        return send(id);
    }

    /** Assigns a CLERK principal to run an auction's lots ({@code assign}), or takes the assignment away. */
    public long assignClerk(final long auctionId, final long clerkId, final boolean assign)
    {
        final long id = nextCorrelationId();
        encoder.assignClerk(id, auctionId, clerkId, assign);
        return send(id);
    }

    /** A TIMED maximum, or a commission bid on a LIVE lot before it opens. */
    public long maxBid(final long auctionId, final long lotId, final long bidderId, final long maximum)
    {
        return retryMaxBid(nextCorrelationId(), auctionId, lotId, bidderId, maximum);
    }

    /** Sends a maximum with a chosen correlation id: repeat it to retry safely. */
    public long retryMaxBid(final long correlationId, final long auctionId, final long lotId, final long bidderId,
        final long maximum)
    {
        encoder.maxBid(correlationId, auctionId, lotId, bidderId, maximum);
        return send(correlationId);
    }

    /** A LIVE bid at the ask this bidder saw; {@code askVersion} 0 when not known. */
    public long liveBid(final long auctionId, final long lotId, final long bidderId, final long amount,
        final int askVersion)
    {
        return retryLiveBid(nextCorrelationId(), auctionId, lotId, bidderId, amount, askVersion);
    }

    public long retryLiveBid(final long correlationId, final long auctionId, final long lotId, final long bidderId,
        final long amount, final int askVersion)
    {
        encoder.liveBid(correlationId, auctionId, lotId, bidderId, amount, askVersion);
        return send(correlationId);
    }

    /** A floor bid for a paddle in the room (clerk). */
    public long floorBid(final long auctionId, final long lotId, final long paddle, final long amount,
        final int askVersion)
    {
        final long id = nextCorrelationId();
        encoder.floorBid(id, auctionId, lotId, paddle, amount, askVersion);
        return send(id);
    }

    public long buyNow(final long auctionId, final long lotId, final long bidderId)
    {
        final long id = nextCorrelationId();
        encoder.buyNow(id, auctionId, lotId, bidderId);
        return send(id);
    }

    /** Withdraws this bidder's maximum with a one-word reason (up to 16 ASCII characters). */
    public long retract(final long auctionId, final long lotId, final long bidderId, final String reason)
    {
        final long id = nextCorrelationId();
        encoder.retract(id, auctionId, lotId, bidderId, reason);
        return send(id);
    }

    public long settlementResult(final long auctionId, final long lotId, final PaymentResult result)
    {
        return settlementResult(nextCorrelationId(), auctionId, lotId, result);
    }

    /**
     * Reports a payment with a correlation id derived from the sale, so a resend after a crash is answered as a
     * duplicate rather than applied to the next sale.
     */
    public long settlementResult(final long correlationId, final long auctionId, final long lotId,
        final PaymentResult result)
    {
        encoder.settlementResult(correlationId, auctionId, lotId, result);
        return send(correlationId);
    }

    /** Asks for every lot's state; answered with one {@link GavelListener#onLotStatus} per lot, then a response. */
    public long requestAuctionStatus(final long auctionId)
    {
        final long id = nextCorrelationId();
        encoder.auctionStatus(id, auctionId);
        return send(id);
    }

    /**
     * Asks for one bidder's own standing in an auction (limit, exposure, status); answered with one
     * {@link GavelListener#onBidderStatus}, then a response. Allowed for the bidder itself, an edge, and those who
     * run the auction.
     */
    public long requestBidderStatus(final long auctionId, final long bidderId)
    {
        final long id = nextCorrelationId();
        encoder.bidderStatus(id, auctionId, bidderId);
        return send(id);
    }

    /** Asks the engine to write a snapshot now (administrators). */
    public long takeSnapshot()
    {
        final long id = nextCorrelationId();
        encoder.takeSnapshot(id);
        return send(id);
    }

    /** Sends raw bytes as they are: for tests and tools that must send what no encoder would. */
    public boolean sendRaw(final UnsafeBuffer buffer, final int offset, final int length)
    {
        return link.offerBytes(buffer, offset, length);
    }

    /** Sends the frame just encoded (back-pressure is waited out in {@link EngineLink}). */
    private long send(final long correlationId)
    {
        return link.send(correlationId);
    }

    /** Where the commands go: a single engine. */
    public String describe()
    {
        return "engine";
    }

    /** Says goodbye to the engine (best effort) and releases this client's Aeron resources. */
    public void close()
    {
        link.close();
        if (context.closesAeron)
        {
            CloseHelper.quietClose(context.aeron);
        }
    }

    /** For tests: the handler that decodes frames, to feed it frames captured elsewhere. */
    FragmentHandler dispatcher()
    {
        return dispatcher;
    }
}
