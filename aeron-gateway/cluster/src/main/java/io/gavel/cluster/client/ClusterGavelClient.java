package io.gavel.cluster.client;

import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.logbuffer.Header;
import io.gavel.client.GavelClient;
import io.gavel.client.Polling;
import io.gavel.client.Response;
import io.gavel.cluster.ClusterConfig;
import io.gavel.protocol.CommandEncoder;
import io.gavel.sbe.*;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.time.Duration;
import java.util.List;

/**
 * A Gavel client of a cluster: the same command methods as {@link GavelClient}, sent through Aeron Cluster's
 * client to whichever member leads. It follows leader changes by itself (the application hears of them only through
 * {@link Context#onLeaderChange}) and keeps every command until it is answered: after a leader change, a reconnect,
 * or a silence longer than the resend interval it sends the unanswered commands again with the same correlation ids,
 * which the core's idempotency (docs/RULES.md R6) answers once. Not thread-safe: one thread uses a client.
 */
public final class ClusterGavelClient implements io.gavel.client.GavelCommands
{
    /** Receives every frame the cluster sends this session: answers, private notices and public lot events. */
    @FunctionalInterface
    public interface FrameListener
    {
        void onFrame(DirectBuffer buffer, int offset, int length);
    }

    /** Told when the client's session moves to another leader (or reconnects). */
    @FunctionalInterface
    public interface LeaderListener
    {
        void onLeaderChange(int leaderMemberId);
    }

    /** Where the cluster is and who this client is. */
    public static final class Context
    {
        private String aeronDirectory;
        private io.aeron.Aeron aeron;
        private String ingressEndpoints;
        private String egressChannel = "aeron:udp?endpoint=127.0.0.1:0";
        private String token;
        private Duration timeout = Duration.ofSeconds(10);
        private Duration resendAfter = Duration.ofSeconds(2);
        private FrameListener frameListener = (buffer, offset, length) -> { };
        private LeaderListener onLeaderChange = leader -> { };
        private boolean reconnectInPoll = true;

        /** Ingress endpoints, egress channel and timeout from the configuration file's gavel.cluster.* keys. */
        public Context cluster(final ClusterConfig config)
        {
            ingressEndpoints = config.ingressEndpoints();
            egressChannel = config.egressChannel();
            timeout = Duration.ofNanos(config.clientTimeoutNanos());
            return this;
        }

        /** The local media driver this client uses. */
        public Context aeronDirectory(final String directory)
        {
            this.aeronDirectory = directory;
            return this;
        }

        /** An Aeron client already connected to the local media driver, shared with others (not closed here). */
        public Context aeron(final io.aeron.Aeron aeron)
        {
            this.aeron = aeron;
            return this;
        }

        public Context token(final String token)
        {
            this.token = token;
            return this;
        }

        public Context timeout(final Duration timeout)
        {
            this.timeout = timeout;
            return this;
        }

        /** How long a command may stay unanswered before it is sent again (same correlation id). */
        public Context resendAfter(final Duration resendAfter)
        {
            this.resendAfter = resendAfter;
            return this;
        }

        public Context frameListener(final FrameListener listener)
        {
            this.frameListener = listener;
            return this;
        }

        public Context onLeaderChange(final LeaderListener listener)
        {
            this.onLeaderChange = listener;
            return this;
        }

        /**
         * Whether {@link #poll()} opens a new session when the cluster ended this one (no leader for longer than
         * Aeron Cluster waits): true by default, and that waits up to three timeouts inside the poll, each poll while
         * there is no leader. False, for a thread that serves others and must not wait (the web edge): the poll
         * returns at once, {@link #isSessionLost()} says so, and the owner opens a new client elsewhere.
         */
        public Context reconnectInPoll(final boolean reconnect)
        {
            this.reconnectInPoll = reconnect;
            return this;
        }
    }

    private final Context context;
    private final CommandEncoder encoder = new CommandEncoder();
    private final UnansweredCommands commands;
    private final IdleStrategy idle = new BackoffIdleStrategy(10, 20, 1_000, 1_000_000);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final CommandAcceptedDecoder accepted = new CommandAcceptedDecoder();
    private final CommandRejectedDecoder rejected = new CommandRejectedDecoder();
    private final Egress egress = new Egress();
    private AeronCluster cluster;
    private long lastKeepAliveNanos;
    private int leaderChanges;

    private ClusterGavelClient(final Context context)
    {
        this.context = context;
        if (context.token == null || context.token.isEmpty())
        {
            throw new IllegalArgumentException("a cluster client needs a session token");
        }
        if (context.ingressEndpoints == null || context.ingressEndpoints.isEmpty())
        {
            throw new IllegalArgumentException("no cluster members: set gavel.cluster.hosts");
        }
        commands = new UnansweredCommands(context.resendAfter.toNanos());
        cluster = connectCluster();
    }

    public static ClusterGavelClient connect(final Context context)
    {
        return new ClusterGavelClient(context);
    }

    private AeronCluster connectCluster()
    {
        final AeronCluster.Context clusterContext = new AeronCluster.Context()
            .ingressEndpoints(context.ingressEndpoints)
            .ingressChannel("aeron:udp")
            .egressChannel(context.egressChannel)
            .messageTimeoutNs(context.timeout.toNanos())
            .egressListener(egress);
        if (context.aeron != null)
        {
            clusterContext.aeron(context.aeron).ownsAeronClient(false);
        }
        else if (context.aeronDirectory != null)
        {
            clusterContext.aeronDirectoryName(context.aeronDirectory);
        }
        final AeronCluster connected = ClusterSessionConnector.connect(clusterContext, context.token, context.timeout);
        lastKeepAliveNanos = System.nanoTime();
        return connected;
    }

    /** The member leading the cluster as this client last heard. */
    public int leaderMemberId()
    {
        return cluster.leaderMemberId();
    }

    /**
     * Whether the cluster ended this client's session (no leader answered for longer than Aeron Cluster waits) and,
     * with {@code reconnectInPoll(false)}, it stays ended: commands sent now are kept but never reach a cluster. With
     * the default the next {@link #poll()} opens a new session, so this is true only until then.
     */
    @Override
    public boolean isSessionLost()
    {
        return cluster.isClosed();
    }

    /** Leader changes and reconnects this client has followed. */
    public int leaderChanges()
    {
        return leaderChanges;
    }

    /** Commands sent again because they were not answered in time or a leader changed. */
    public long resent()
    {
        return commands.resent();
    }

    /**
     * Offers the cluster could not take at once (back pressure, no leader); the command waited, and every command
     * after it waited behind it, so commands reach the cluster in the order they were sent.
     */
    public long heldBack()
    {
        return commands.heldBack();
    }

    /** Commands sent and not yet answered. */
    public int unansweredCount()
    {
        return commands.count();
    }

    /**
     * Delivers what has arrived, keeps the session alive, follows the leader, and resends unanswered commands that
     * are due; returns the work done.
     */
    public int poll()
    {
        if (cluster.isClosed())
        {
            if (!context.reconnectInPoll)
            {
                return 0;
            }
            // The session did not survive the election (it timed out): a new one, then everything unanswered.
            CloseHelper.quietClose(cluster);
            cluster = connectCluster();
            followLeader(cluster.leaderMemberId());
        }
        int work = cluster.pollEgress();
        final long now = System.nanoTime();
        if (now - lastKeepAliveNanos > Duration.ofSeconds(1).toNanos() && cluster.sendKeepAlive())
        {
            lastKeepAliveNanos = now;
        }
        commands.queueIfSilent(now);
        work += commands.offerWaiting(cluster, now);
        return work;
    }

    private void followLeader(final int leaderMemberId)
    {
        leaderChanges++;
        commands.queueEverythingUnanswered();
        context.onLeaderChange.onLeaderChange(leaderMemberId);
    }

    /** Polls until the answer to {@code correlationId} arrives or the timeout passes (then null). */
    public Response await(final long correlationId, final Duration timeout)
    {
        return Polling.answer(this::poll, idle, commands::takeAnswer, correlationId, timeout);
    }

    /** Polls until {@code condition} holds or the timeout passes; returns whether it held. */
    public boolean pollUntil(final java.util.function.BooleanSupplier condition, final Duration timeout)
    {
        return Polling.until(this::poll, idle, condition, timeout);
    }

    /** Answers that arrived and were not awaited, taken in no particular order (for clients that pipeline). */
    public List<Response> takeAnswers()
    {
        return commands.takeAnswers();
    }

    public long createAuction(final long auctionId, final io.gavel.client.AuctionSettings settings)
    {
        final long id = GavelClient.nextCorrelationId();
        settings.encodeCreate(encoder, id, auctionId);
        return send(id);
    }

    public long registerBidder(final long auctionId, final long bidderId, final long paddle, final long limit,
        final String paymentMethod)
    {
        final long id = GavelClient.nextCorrelationId();
        encoder.registerBidder(id, auctionId, bidderId, paddle, limit, paymentMethod);
        return send(id);
    }

    public long suspendBidder(final long correlationId, final long auctionId, final long bidderId,
        final String reason)
    {
        encoder.suspendBidder(correlationId, auctionId, bidderId, reason);
        return send(correlationId);
    }

    public String describe()
    {
        return "cluster, leader member " + leaderMemberId();
    }

    /**
     * Creates an auction with the default increments and no soft close (AuctionSettings's fields are not visible
     * outside the client package; the lead's merge folds this into the shared client).
     */
    public long createAuction(final long auctionId, final Format format, final String currency,
        final int premiumRateBps, final TiePolicy tiePolicy, final RetractionPolicy retractionPolicy)
    {
        final long id = GavelClient.nextCorrelationId();
        encoder.createAuction(id, auctionId, format, currency, premiumRateBps, tiePolicy, retractionPolicy, false,
            0, 0, 0, 0, new long[0], new long[0], 0);
        return send(id);
    }

    /** Adds a lot; {@code endTime} is cluster epoch nanos for TIMED lots, 0 for LIVE. Reserve and buy-now 0 = none. */
    public long addLot(final long auctionId, final long lotId, final long startPrice, final long reserve,
        final long buyNowPrice, final long endTime)
    {
        final long id = GavelClient.nextCorrelationId();
        encoder.addLot(id, auctionId, lotId, startPrice, reserve, buyNowPrice, endTime);
        return send(id);
    }

    public long registerBidder(final long auctionId, final long bidderId, final long paddle, final long limit)
    {
        final long id = GavelClient.nextCorrelationId();
        encoder.registerBidder(id, auctionId, bidderId, paddle, limit);
        return send(id);
    }

    public long approveBidder(final long auctionId, final long bidderId)
    {
        final long id = GavelClient.nextCorrelationId();
        encoder.approveBidder(id, auctionId, bidderId);
        return send(id);
    }

    public long suspendBidder(final long auctionId, final long bidderId)
    {
        final long id = GavelClient.nextCorrelationId();
        encoder.suspendBidder(id, auctionId, bidderId);
        return send(id);
    }

    public long openLot(final long auctionId, final long lotId)
    {
        return lotCommand(OpenLotEncoder.TEMPLATE_ID, auctionId, lotId);
    }

    public long fairWarning(final long auctionId, final long lotId)
    {
        return lotCommand(FairWarningEncoder.TEMPLATE_ID, auctionId, lotId);
    }

    public long hammer(final long auctionId, final long lotId)
    {
        return lotCommand(HammerEncoder.TEMPLATE_ID, auctionId, lotId);
    }

    public long reopen(final long auctionId, final long lotId)
    {
        return lotCommand(ReopenEncoder.TEMPLATE_ID, auctionId, lotId);
    }

    public long withdrawLot(final long auctionId, final long lotId)
    {
        return lotCommand(WithdrawLotEncoder.TEMPLATE_ID, auctionId, lotId);
    }

    private long lotCommand(final int templateId, final long auctionId, final long lotId)
    {
        final long id = GavelClient.nextCorrelationId();
        encoder.lotCommand(templateId, id, auctionId, lotId);
        return send(id);
    }

    public long setIncrement(final long auctionId, final long lotId, final long increment)
    {
        final long id = GavelClient.nextCorrelationId();
        encoder.setIncrement(id, auctionId, lotId, increment);
        return send(id);
    }

    public long jumpAsk(final long auctionId, final long lotId, final long ask)
    {
        final long id = GavelClient.nextCorrelationId();
        encoder.jumpAsk(id, auctionId, lotId, ask);
        return send(id);
    }

    public long assignClerk(final long auctionId, final long clerkId, final boolean assign)
    {
        final long id = GavelClient.nextCorrelationId();
        encoder.assignClerk(id, auctionId, clerkId, assign);
        return send(id);
    }

    public long cancelAuction(final long auctionId)
    {
        final long id = GavelClient.nextCorrelationId();
        encoder.cancelAuction(id, auctionId);
        return send(id);
    }

    public long maxBid(final long auctionId, final long lotId, final long bidderId, final long maximum)
    {
        return retryMaxBid(GavelClient.nextCorrelationId(), auctionId, lotId, bidderId, maximum);
    }

    public long retryMaxBid(final long correlationId, final long auctionId, final long lotId, final long bidderId,
        final long maximum)
    {
        encoder.maxBid(correlationId, auctionId, lotId, bidderId, maximum);
        return send(correlationId);
    }

    public long liveBid(final long auctionId, final long lotId, final long bidderId, final long amount,
        final int askVersion)
    {
        final long id = GavelClient.nextCorrelationId();
        encoder.liveBid(id, auctionId, lotId, bidderId, amount, askVersion);
        return send(id);
    }

    public long floorBid(final long auctionId, final long lotId, final long paddle, final long amount,
        final int askVersion)
    {
        final long id = GavelClient.nextCorrelationId();
        encoder.floorBid(id, auctionId, lotId, paddle, amount, askVersion);
        return send(id);
    }

    public long buyNow(final long auctionId, final long lotId, final long bidderId)
    {
        final long id = GavelClient.nextCorrelationId();
        encoder.buyNow(id, auctionId, lotId, bidderId);
        return send(id);
    }

    public long retract(final long auctionId, final long lotId, final long bidderId, final String reason)
    {
        final long id = GavelClient.nextCorrelationId();
        encoder.retract(id, auctionId, lotId, bidderId, reason);
        return send(id);
    }

    public long settlementResult(final long auctionId, final long lotId, final PaymentResult result)
    {
        final long id = GavelClient.nextCorrelationId();
        encoder.settlementResult(id, auctionId, lotId, result);
        return send(id);
    }

    public long requestAuctionStatus(final long auctionId)
    {
        final long id = GavelClient.nextCorrelationId();
        encoder.auctionStatus(id, auctionId);
        return send(id);
    }

    /** Asks for one bidder's limit, exposure and status: one BidderStatus frame on this session's egress. */
    public long requestBidderStatus(final long auctionId, final long bidderId)
    {
        final long id = GavelClient.nextCorrelationId();
        encoder.bidderStatus(id, auctionId, bidderId);
        return send(id);
    }

    /**
     * Keeps the encoded command until it is answered and offers it now; a command that cannot be offered at once
     * (no leader during an election, back pressure) is sent by {@link #poll()} later, never lost.
     */
    private long send(final long correlationId)
    {
        commands.add(correlationId, encoder.buffer(), encoder.length());
        commands.offerWaiting(cluster, System.nanoTime());
        return correlationId;
    }

    public void close()
    {
        CloseHelper.quietClose(cluster);
    }

    /** The cluster's egress for this session. */
    private final class Egress implements EgressListener
    {
        public void onMessage(final long clusterSessionId, final long timestamp, final DirectBuffer buffer,
            final int offset, final int length, final Header header)
        {
            if (length >= MessageHeaderDecoder.ENCODED_LENGTH)
            {
                ClusterGavelClient.this.header.wrap(buffer, offset);
                final int templateId = ClusterGavelClient.this.header.templateId();
                if (templateId == CommandAcceptedDecoder.TEMPLATE_ID)
                {
                    accepted.wrapAndApplyHeader(buffer, offset, ClusterGavelClient.this.header);
                    commands.onAnswer(accepted.correlationId(), new Response(accepted.correlationId(), true, null,
                        accepted.engineSequence(), accepted.duplicate() == BooleanType.TRUE));
                }
                else if (templateId == CommandRejectedDecoder.TEMPLATE_ID)
                {
                    rejected.wrapAndApplyHeader(buffer, offset, ClusterGavelClient.this.header);
                    commands.onAnswer(rejected.correlationId(), new Response(rejected.correlationId(), false,
                        rejected.reason(), rejected.engineSequence(), rejected.duplicate() == BooleanType.TRUE));
                }
            }
            context.frameListener.onFrame(buffer, offset, length);
        }

        public void onNewLeader(final long clusterSessionId, final long leadershipTermId, final int leaderMemberId,
            final String ingressEndpoints)
        {
            followLeader(leaderMemberId);
        }
    }
}
