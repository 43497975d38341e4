package io.gavel.core;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The events one command produced, each an SBE frame preceded by its int32 length. Reused for every command; it
 * grows only when a command emits more than it has ever held (a tick that closes thousands of lots).
 */
public final class EventBuffer
{
    public static final int LENGTH_PREFIX = Integer.BYTES;

    private final ExpandableArrayBuffer buffer;
    private int limit;
    private int count;
    private int claimedOffset;

    public EventBuffer()
    {
        this(4096);
    }

    public EventBuffer(final int initialCapacity)
    {
        buffer = new ExpandableArrayBuffer(initialCapacity);
    }

    public void reset()
    {
        limit = 0;
        count = 0;
    }

    /** Reserves room for a frame of at most {@code maxLength} bytes; returns the offset to encode it at. */
    public int claim(final int maxLength)
    {
        buffer.checkLimit(limit + LENGTH_PREFIX + maxLength);
        claimedOffset = limit + LENGTH_PREFIX;
        return claimedOffset;
    }

    /** Completes the frame claimed last with its encoded length. */
    public void commit(final int length)
    {
        buffer.putInt(claimedOffset - LENGTH_PREFIX, length);
        limit = claimedOffset + length;
        count++;
    }

    /** Drops every frame written after {@code limit}, which holds {@code count} frames (see {@link #limit()}). */
    public void rewind(final int limit, final int count)
    {
        this.limit = limit;
        this.count = count;
    }

    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    public int count()
    {
        return count;
    }

    /** Bytes used, length prefixes included. */
    public int limit()
    {
        return limit;
    }

    /** Visits each frame in emission order. */
    public void forEach(final FrameVisitor visitor)
    {
        int offset = 0;
        while (offset < limit)
        {
            final int length = buffer.getInt(offset);
            visitor.onFrame(buffer, offset + LENGTH_PREFIX, length);
            offset += LENGTH_PREFIX + length;
        }
    }

    /** Receives one SBE frame (header included). */
    @FunctionalInterface
    public interface FrameVisitor
    {
        void onFrame(DirectBuffer buffer, int offset, int length);
    }
}
