package io.gavel.gateway;

import io.gavel.sbe.RejectReason;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Refusals that need no sequencing (BUSY, RATE_LIMITED, MALFORMED, NOT_CONNECTED, UNSUPPORTED_VERSION): a one-to-one
 * queue from the ingress agent to the egress, which sends them at the end of its next batch. They never take a ring
 * slot, so a full ring cannot silence them. When this queue is full the ingress does not drop the answer: it stops
 * consuming its subscription (the frame is polled again later), which pushes back on the sender.
 */
final class IngressReplies
{
    private static final int MESSAGE_TYPE = 1;
    private static final int MESSAGE_LENGTH = 2 * Long.BYTES + Integer.BYTES;

    private final OneToOneRingBuffer queue = new OneToOneRingBuffer(new UnsafeBuffer(
        ByteBuffer.allocateDirect((1 << 16) + RingBufferDescriptor.TRAILER_LENGTH)));
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[MESSAGE_LENGTH]);
    private final org.agrona.concurrent.MessageHandler handler = this::onMessage;
    private Reply target;

    /** A refusal the egress sends: which session, which command, why. */
    @FunctionalInterface
    interface Reply
    {
        void send(long sessionId, long correlationId, RejectReason reason);
    }

    /** Ingress thread: false when the queue is full (nothing was queued). */
    boolean offer(final long sessionId, final long correlationId, final RejectReason reason)
    {
        message.putLong(0, sessionId, ByteOrder.LITTLE_ENDIAN);
        message.putLong(Long.BYTES, correlationId, ByteOrder.LITTLE_ENDIAN);
        message.putInt(2 * Long.BYTES, reason.value(), ByteOrder.LITTLE_ENDIAN);
        return queue.write(MESSAGE_TYPE, message, 0, MESSAGE_LENGTH);
    }

    /** Whether anything waits for the egress (ingress thread, to give the egress a turn). */
    boolean isEmpty()
    {
        return queue.size() == 0;
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
            buffer.getLong(index + Long.BYTES, ByteOrder.LITTLE_ENDIAN),
            RejectReason.get((short)buffer.getInt(index + 2 * Long.BYTES, ByteOrder.LITTLE_ENDIAN)));
    }
}
