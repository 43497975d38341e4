package io.gavel.core.pipeline;

import io.gavel.core.EventBuffer;
import io.gavel.sbe.RejectReason;
import io.gavel.sbe.Role;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One slot of the engine's ring: a command as the ingress received it, what the sequencer stamped on it, and the
 * events the core wrote for it. Preallocated by the ring and reused, never allocated per command.
 */
public final class CommandSlot
{
    /** Room for the largest command frame (a Connect with its channel and token). */
    public static final int MAX_COMMAND_LENGTH = 2048;

    /** What the slot carries. */
    public enum Kind
    {
        /** A command for the core: journaled, applied, its events published. */
        COMMAND,
        /** A session change (connect, disconnect) for the egress; never journaled or applied. */
        SESSION,
        /** Nothing to apply: gives the egress a turn while new sessions' response channels connect. */
        HOUSEKEEPING
    }

    public Kind kind;
    /** Assigned by the business-logic handler when the command is journaled; 0 for other kinds. */
    public long engineSequence;
    /** Epoch nanos stamped when the slot was claimed: the only clock the core ever sees. */
    public long engineTime;
    public long sessionId;
    public long principal;
    public Role role;
    public long correlationId;
    /** For SESSION connects: null when the token was verified, else the reason to answer. */
    public RejectReason ingressReason;
    /** For SESSION connects: where the session wants its responses (decoded and checked once, by the ingress). */
    public String responseChannel;
    public int responseStreamId;
    /** For commands: the Aeron image the frame came from and the position just after it (journaled with it). */
    public long sourceKey;
    public long sourcePosition;
    public final UnsafeBuffer command = new UnsafeBuffer(new byte[MAX_COMMAND_LENGTH]);
    public int commandLength;
    public int commandTemplateId;
    public final EventBuffer events = new EventBuffer();

    /** Resets the stamps so a reused slot carries nothing from its last use. */
    public void clear()
    {
        kind = Kind.COMMAND;
        engineSequence = 0;
        engineTime = 0;
        sessionId = 0;
        principal = 0;
        role = Role.NULL_VAL;
        correlationId = 0;
        ingressReason = null;
        responseChannel = null;
        responseStreamId = 0;
        sourceKey = 0;
        sourcePosition = 0;
        commandLength = 0;
        commandTemplateId = 0;
        events.reset();
    }
}
