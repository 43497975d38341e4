package io.gavel.gateway;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * BUSY answers the ingress could not put in the full ring: a small one-to-one queue from the ingress agent to the
 * egress, which sends them at the end of its next batch. The ingress never waits for ring space to refuse a command;
 * if even this queue is full, the answer is dropped (the BUSY counter still counts the refusal).
 */
final class BusyReplies
{
    private static final int MESSAGE_TYPE = 1;
    private static final int MESSAGE_LENGTH = 2 * Long.BYTES;

    private final OneToOneRingBuffer queue = new OneToOneRingBuffer(new UnsafeBuffer(
        ByteBuffer.allocateDirect((1 << 16) + RingBufferDescriptor.TRAILER_LENGTH)));
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[MESSAGE_LENGTH]);
    private final org.agrona.concurrent.MessageHandler handler = this::onMessage;
    private Reply target;

    /** A reply the egress sends: which session, which command. */
    @FunctionalInterface
    interface Reply
    {
        void send(long sessionId, long correlationId);
    }

    /** Ingress thread. */
    boolean offer(final long sessionId, final long correlationId)
    {
        message.putLong(0, sessionId, ByteOrder.LITTLE_ENDIAN);
        message.putLong(Long.BYTES, correlationId, ByteOrder.LITTLE_ENDIAN);
        return queue.write(MESSAGE_TYPE, message, 0, MESSAGE_LENGTH);
    }

    /** Egress thread: sends every queued reply, oldest first; allocation-free. */
    int drain(final Reply reply)
    {
        target = reply;
        return queue.read(handler);
    }

    private void onMessage(final int type, final org.agrona.MutableDirectBuffer buffer, final int index,
        final int length)
    {
        target.send(buffer.getLong(index, ByteOrder.LITTLE_ENDIAN),
            buffer.getLong(index + Long.BYTES, ByteOrder.LITTLE_ENDIAN));
    }
}
