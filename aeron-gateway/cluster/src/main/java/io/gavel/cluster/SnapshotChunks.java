package io.gavel.cluster;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.cluster.service.Cluster;
import io.gavel.core.CoreSnapshot;
import io.gavel.core.EventBuffer;
import io.gavel.core.SnapshotException;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * The core's snapshot on the cluster's snapshot stream: one message with its total length, then the snapshot bytes
 * in chunks (a snapshot can exceed one Aeron message). Loading reads until it has every byte; {@link CoreSnapshot}
 * then checks the checksum and state hash as it does for a single engine.
 */
final class SnapshotChunks
{
    private SnapshotChunks()
    {
    }

    static void offer(final ExclusivePublication publication, final EventBuffer snapshot, final int chunk,
        final Cluster cluster)
    {
        final UnsafeBuffer lengthMessage = new UnsafeBuffer(new byte[Long.BYTES]);
        lengthMessage.putLong(0, snapshot.limit(), ByteOrder.LITTLE_ENDIAN);
        offer(publication, lengthMessage, 0, Long.BYTES, cluster);
        final int size = Math.max(1024, Math.min(chunk, publication.maxMessageLength()));
        for (int offset = 0; offset < snapshot.limit(); offset += size)
        {
            offer(publication, snapshot.buffer(), offset, Math.min(size, snapshot.limit() - offset), cluster);
        }
    }

    private static void offer(final ExclusivePublication publication, final DirectBuffer buffer, final int offset,
        final int length, final Cluster cluster)
    {
        long result;
        while ((result = publication.offer(buffer, offset, length)) < 0)
        {
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
            {
                throw new SnapshotException("the snapshot stream closed while the core's snapshot was written");
            }
            cluster.idleStrategy().idle();
        }
    }

    static CoreSnapshot.Restored load(final Image image, final CoreSnapshot codec, final Cluster cluster)
    {
        final ExpandableArrayBuffer bytes = new ExpandableArrayBuffer(64 * 1024);
        final long[] expected = {-1};
        final int[] received = {0};
        while (expected[0] < 0 || received[0] < expected[0])
        {
            final int fragments = image.poll((buffer, offset, length, header) ->
            {
                if (expected[0] < 0)
                {
                    expected[0] = buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN);
                }
                else
                {
                    bytes.putBytes(received[0], buffer, offset, length);
                    received[0] += length;
                }
            }, 16);
            if (fragments == 0)
            {
                if (image.isClosed() || image.isEndOfStream())
                {
                    throw new SnapshotException("the cluster's snapshot ended after " + received[0] + " of " +
                        expected[0] + " bytes of the core's snapshot");
                }
                cluster.idleStrategy().idle();
            }
        }
        return codec.read(bytes, received[0]);
    }
}
