package io.gavel.cluster;

import io.gavel.client.Response;
import io.gavel.cluster.client.ClusterGavelClient;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongArrayList;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Several bidders on one TIMED lot, each with one maximum in flight at a time, rising: records every answer
 * (correlation id, accepted or not), the latency from send to answer, and the first answer that came through a new
 * leader after a kill.
 */
final class Bidding
{
    private final List<ClusterGavelClient> bidders;
    private final long auction;
    private final long lot;
    private final long[] outstanding;
    private final long[] sentAt;
    /** Every answered bid: correlation id to 1 (accepted) or 0 (rejected). */
    final Long2LongHashMap answered = new Long2LongHashMap(-1);
    final LongArrayList latencies = new LongArrayList();
    long lastEngineSequence;
    private long amount = 20_00;
    private long killedAt;
    private int killedMember = -1;
    private long killToAnswerNanos = -1;

    Bidding(final List<ClusterGavelClient> bidders, final long auction, final long lot)
    {
        this.bidders = bidders;
        this.auction = auction;
        this.lot = lot;
        this.outstanding = new long[bidders.size()];
        this.sentAt = new long[bidders.size()];
    }

    /** Marks a kill of {@code member} now; the next answer through another leader measures the outage. */
    void killed(final int member)
    {
        killedAt = System.nanoTime();
        killedMember = member;
        killToAnswerNanos = -1;
    }

    long killToAnswerNanos()
    {
        return killToAnswerNanos;
    }

    /** Bids until {@code count} more answers arrived; false if the timeout passed first. */
    boolean bid(final int count, final long timeout, final TimeUnit unit)
    {
        final long deadline = System.nanoTime() + unit.toNanos(timeout);
        final int target = answered.size() + count;
        while (answered.size() < target)
        {
            if (System.nanoTime() > deadline)
            {
                return false;
            }
            int work = 0;
            for (int i = 0; i < bidders.size(); i++)
            {
                final ClusterGavelClient bidder = bidders.get(i);
                if (outstanding[i] == 0)
                {
                    amount += 100;
                    outstanding[i] = bidder.maxBid(auction, lot, 101 + i, amount);
                    sentAt[i] = System.nanoTime();
                }
                work += bidder.poll();
                for (final Response response : bidder.takeAnswers())
                {
                    onAnswer(i, bidder, response);
                    work++;
                }
            }
            if (work == 0)
            {
                LockSupport.parkNanos(50_000);
            }
        }
        return true;
    }

    private void onAnswer(final int i, final ClusterGavelClient bidder, final Response response)
    {
        final long now = System.nanoTime();
        answered.put(response.correlationId(), response.accepted() ? 1 : 0);
        lastEngineSequence = Math.max(lastEngineSequence, response.engineSequence());
        if (response.correlationId() == outstanding[i])
        {
            latencies.addLong(now - sentAt[i]);
            outstanding[i] = 0;
        }
        if (killedMember >= 0 && killToAnswerNanos < 0 && bidder.leaderMemberId() != killedMember)
        {
            killToAnswerNanos = now - killedAt;
        }
    }

    /** Latency percentiles in microseconds: p50, p99, max. */
    long[] latencyMicros(final int from, final int to)
    {
        final long[] sorted = Arrays.copyOfRange(latencies.toLongArray(), from, to);
        Arrays.sort(sorted);
        if (sorted.length == 0)
        {
            return new long[]{0, 0, 0};
        }
        return new long[]{sorted[sorted.length / 2] / 1_000, sorted[(int)(sorted.length * 0.99)] / 1_000,
            sorted[sorted.length - 1] / 1_000};
    }
}
