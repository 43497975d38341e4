package io.gavel.gateway;

import io.aeron.Aeron;
import io.aeron.Counter;
import io.gavel.sbe.RejectReason;
import org.agrona.CloseHelper;

/**
 * The engine's counters, in Aeron's counters file so AeronStat (and {@code gavel stats}) read them live. Each counter
 * is written by one thread only.
 */
public final class EngineCounters implements AutoCloseable
{
    /** The label (after the engine's name) of the count of the bid thread's page faults. */
    public static final String BID_THREAD_FAULTS = "page faults of the bid thread";
    /** Counter type id for every Gavel counter, so tools can tell them apart from Aeron's own. */
    public static final int TYPE_ID = 7701;

    /** Label (after the engine's name) of the counter holding when the latency figures were last updated. */
    public static final String LATENCY_UPDATED = "in-engine latency updated (epoch ms)";
    /** Label (after the engine's name) of the counter holding when the machine's hiccups were last published. */
    public static final String HICCUPS_UPDATED = "machine hiccups updated (epoch ms)";

    /** Every frame the ingress took off its subscription (commands, connects, heartbeats, malformed). */
    public final Counter framesIn;
    /** Command frames (not session frames) from bound sessions. */
    public final Counter commandsIn;
    public final Counter connects;
    public final Counter heartbeats;
    /** Frames a restarted engine skipped because the journal already holds them. */
    public final Counter restartSkipped;
    /** Answers the egress could not send: the session had no response channel (any more). */
    public final Counter repliesUndeliverable;
    public final Counter malformed;
    public final Counter busy;
    public final Counter unauthenticated;
    public final Counter sessions;
    public final Counter accepted;
    public final Counter rejected;
    public final Counter backPressured;
    public final Counter subscribersDropped;
    public final Counter ticks;
    public final Counter latencyP50;
    public final Counter latencyP99;
    public final Counter latencyP999;
    public final Counter latencyMax;
    /** When the last command the latency counters include was answered (epoch ms): stale after a second. */
    public final Counter latencyUpdated;
    /** How late the machine woke a thread sleeping 1 ms, the last second ({@link HiccupMonitor}). */
    public final Counter hiccupP50;
    public final Counter hiccupP99;
    public final Counter hiccupP999;
    public final Counter hiccupMax;
    public final Counter hiccupUpdated;
    /** The journal's helpers, as they stand ({@link JournalCounters}). */
    public final Counter journalWriterFaults;
    public final Counter journalTouchedAhead;
    public final Counter journalWrittenBack;
    private final Counter[] rejectedByReason = new Counter[RejectReason.values().length];

    public EngineCounters(final Aeron aeron, final String engineName)
    {
        framesIn = aeron.addCounter(TYPE_ID, engineName + ": frames in");
        commandsIn = aeron.addCounter(TYPE_ID, engineName + ": commands in");
        connects = aeron.addCounter(TYPE_ID, engineName + ": connects in");
        heartbeats = aeron.addCounter(TYPE_ID, engineName + ": heartbeats in");
        restartSkipped = aeron.addCounter(TYPE_ID, engineName + ": frames skipped as already journaled");
        repliesUndeliverable = aeron.addCounter(TYPE_ID, engineName + ": answers with no response channel");
        malformed = aeron.addCounter(TYPE_ID, engineName + ": malformed frames");
        busy = aeron.addCounter(TYPE_ID, engineName + ": rejected BUSY (ring full)");
        unauthenticated = aeron.addCounter(TYPE_ID, engineName + ": frames from unknown sessions");
        sessions = aeron.addCounter(TYPE_ID, engineName + ": sessions");
        accepted = aeron.addCounter(TYPE_ID, engineName + ": commands accepted");
        rejected = aeron.addCounter(TYPE_ID, engineName + ": commands rejected");
        backPressured = aeron.addCounter(TYPE_ID, engineName + ": egress offers back-pressured");
        subscribersDropped = aeron.addCounter(TYPE_ID, engineName + ": subscribers dropped");
        ticks = aeron.addCounter(TYPE_ID, engineName + ": ticks injected");
        latencyP50 = aeron.addCounter(TYPE_ID, engineName + ": in-engine latency p50 ns (last second)");
        latencyP99 = aeron.addCounter(TYPE_ID, engineName + ": in-engine latency p99 ns (last second)");
        latencyP999 = aeron.addCounter(TYPE_ID, engineName + ": in-engine latency p99.9 ns (last second)");
        latencyMax = aeron.addCounter(TYPE_ID, engineName + ": in-engine latency max ns (last second)");
        latencyUpdated = aeron.addCounter(TYPE_ID, engineName + ": " + LATENCY_UPDATED);
        hiccupP50 = aeron.addCounter(TYPE_ID, engineName + ": machine hiccups p50 ns (last second)");
        hiccupP99 = aeron.addCounter(TYPE_ID, engineName + ": machine hiccups p99 ns (last second)");
        hiccupP999 = aeron.addCounter(TYPE_ID, engineName + ": machine hiccups p99.9 ns (last second)");
        hiccupMax = aeron.addCounter(TYPE_ID, engineName + ": machine hiccups max ns (last second)");
        hiccupUpdated = aeron.addCounter(TYPE_ID, engineName + ": " + HICCUPS_UPDATED);
        journalWriterFaults = aeron.addCounter(TYPE_ID, engineName + ": " + BID_THREAD_FAULTS);
        journalTouchedAhead = aeron.addCounter(TYPE_ID, engineName + ": journal KiB touched ahead of the writer");
        journalWrittenBack = aeron.addCounter(TYPE_ID, engineName + ": journal MiB written back behind the writer");
        for (final RejectReason reason : RejectReason.values())
        {
            if (reason != RejectReason.NULL_VAL)
            {
                rejectedByReason[reason.ordinal()] = aeron.addCounter(TYPE_ID, engineName + ": rejected " + reason);
            }
        }
    }

    /** Counts a rejection by its reason (egress thread). */
    public void rejected(final RejectReason reason)
    {
        rejected.incrementRelease();
        if (reason != null && reason != RejectReason.NULL_VAL)
        {
            rejectedByReason[reason.ordinal()].incrementRelease();
        }
    }

    public long rejectedCount(final RejectReason reason)
    {
        return rejectedByReason[reason.ordinal()].get();
    }

    public void close()
    {
        CloseHelper.closeAll(framesIn, connects, heartbeats, restartSkipped, repliesUndeliverable);
        CloseHelper.closeAll(commandsIn, malformed, busy, unauthenticated, sessions, accepted, rejected,
            backPressured, subscribersDropped, ticks, latencyP50, latencyP99, latencyP999, latencyMax,
            latencyUpdated);
        CloseHelper.closeAll(hiccupP50, hiccupP99, hiccupP999, hiccupMax, hiccupUpdated);
        CloseHelper.closeAll(journalWriterFaults, journalTouchedAhead, journalWrittenBack);
        CloseHelper.closeAll(rejectedByReason);
    }
}
