package io.gavel.cluster;

import io.aeron.Counter;
import io.aeron.Publication;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.gavel.core.EventBuffer;
import io.gavel.sbe.BooleanType;
import io.gavel.sbe.CommandAcceptedDecoder;
import io.gavel.sbe.CommandRejectedEncoder;
import io.gavel.sbe.MessageHeaderEncoder;
import io.gavel.sbe.RejectReason;
import io.gavel.sbe.Role;
import io.gavel.sbe.CommandRejectedDecoder;
import io.gavel.sbe.BidderStatusDecoder;
import io.gavel.sbe.LotStatusDecoder;
import io.gavel.sbe.LotWonDecoder;
import io.gavel.sbe.MessageHeaderDecoder;
import io.gavel.sbe.OutbidDecoder;
import io.gavel.sbe.SaleSettledDecoder;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.function.Consumer;

/**
 * Sends what the core emitted to the cluster's client sessions, on each session's own egress: a command's answer
 * (and an auction status it asked for) only to the session that sent it; Outbid, LotWon and SaleSettled only to the
 * sessions of the bidder they name and to web edges (role EDGE); every other event (the public lot events) to every
 * session. Followers' offers go nowhere (the cluster mocks them), so only the leader answers. A session that stays back-pressured past a bounded
 * number of retries misses that frame rather than stalling the log: the client resends what was not answered.
 */
final class ClusterEgress implements EventBuffer.FrameVisitor
{
    private static final int RETRIES = 8;

    private final Cluster cluster;
    private final Counter droppedCounter;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final Consumer<ClientSession> toEverySession = this::toEverySession;
    private final Consumer<ClientSession> toBidderSessions = this::toBidderSessions;
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final CommandRejectedEncoder rejectedEncoder = new CommandRejectedEncoder();
    private final UnsafeBuffer rejectBuffer = new UnsafeBuffer(new byte[128]);
    private ClientSession asking;
    private Long2ObjectHashMap<SessionPrincipal> principals;
    private DirectBuffer frame;
    private int frameOffset;
    private int frameLength;
    private long bidderId;
    /** Frames not delivered because a session stayed back-pressured. */
    private long dropped;

    ClusterEgress(final Cluster cluster, final Counter droppedCounter)
    {
        this.cluster = cluster;
        this.droppedCounter = droppedCounter;
    }

    void send(final ClientSession asking, final EventBuffer events,
        final Long2ObjectHashMap<SessionPrincipal> principals)
    {
        if (cluster.role() != Cluster.Role.LEADER)
        {
            return;
        }
        this.asking = asking;
        this.principals = principals;
        events.forEach(this);
    }

    /** A refusal made before sequencing (RATE_LIMITED), to the asking session only; followers send nothing. */
    void reject(final ClientSession session, final long correlationId, final RejectReason reason)
    {
        if (cluster.role() != Cluster.Role.LEADER)
        {
            return;
        }
        rejectedEncoder.wrapAndApplyHeader(rejectBuffer, 0, headerEncoder)
            .correlationId(correlationId).engineSequence(0).reason(reason).duplicate(BooleanType.FALSE);
        frame = rejectBuffer;
        frameOffset = 0;
        frameLength = MessageHeaderEncoder.ENCODED_LENGTH + rejectedEncoder.encodedLength();
        offer(session);
    }

    long dropped()
    {
        return dropped;
    }

    public void onFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        frame = buffer;
        frameOffset = offset;
        frameLength = length;
        header.wrap(buffer, offset);
        switch (header.templateId())
        {
            case CommandAcceptedDecoder.TEMPLATE_ID:
            case CommandRejectedDecoder.TEMPLATE_ID:
            case LotStatusDecoder.TEMPLATE_ID:
            case BidderStatusDecoder.TEMPLATE_ID:
                if (asking != null)
                {
                    offer(asking);
                }
                break;
            case OutbidDecoder.TEMPLATE_ID:
            case LotWonDecoder.TEMPLATE_ID:
            case SaleSettledDecoder.TEMPLATE_ID:
                // Private notices: auctionId, lotId, then bidderId lead each of these blocks.
                bidderId = buffer.getLong(offset + MessageHeaderDecoder.ENCODED_LENGTH +
                    OutbidDecoder.bidderIdEncodingOffset(), ByteOrder.LITTLE_ENDIAN);
                cluster.forEachClientSession(toBidderSessions);
                break;
            default:
                cluster.forEachClientSession(toEverySession);
                break;
        }
    }

    private void toEverySession(final ClientSession session)
    {
        offer(session);
    }

    private void toBidderSessions(final ClientSession session)
    {
        final SessionPrincipal who = principals.get(session.id());
        // As a single engine does: the web edge (role EDGE) hears every bidder's notices and routes each to the
        // sockets of that bidder only (docs/WEB.md, Identity).
        if (who != null && (who.principal() == bidderId || who.role() == Role.EDGE))
        {
            offer(session);
        }
    }

    private void offer(final ClientSession session)
    {
        for (int attempt = 0; attempt < RETRIES; attempt++)
        {
            final long result = session.offer(frame, frameOffset, frameLength);
            if (result > 0 || result == Publication.CLOSED || result == Publication.NOT_CONNECTED ||
                result == Publication.MAX_POSITION_EXCEEDED)
            {
                return;
            }
            cluster.idleStrategy().idle();
        }
        dropped++;
        droppedCounter.incrementRelease();
    }
}
