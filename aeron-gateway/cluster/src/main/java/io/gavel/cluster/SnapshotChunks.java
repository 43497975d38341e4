package io.gavel.cluster;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.cluster.service.Cluster;
import io.gavel.core.CoreSnapshot;
import io.gavel.core.SnapshotException;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * A member's part of a cluster snapshot on the snapshot stream: sections, each one message with its total length and
 * then its bytes in chunks (a section can exceed one Aeron message). First the core's own snapshot, which
 * {@link CoreSnapshot} checks (checksum, state hash) as it does for a single engine; then the sessions' rate-limit
 * buckets ({@link SessionRateLimits}); then where the deciding settings come from and their values
 * ({@link LoggedSettings}). A snapshot from before the buckets were kept ends after the core's section and loads with
 * none; one from before the settings section is of a log without settings, and loads as such.
 */
final class SnapshotChunks
{
    private SnapshotChunks()
    {
    }

    static void offerSection(final ExclusivePublication publication, final DirectBuffer section,
        final int sectionLength, final int chunk, final Cluster cluster)
    {
        final UnsafeBuffer lengthMessage = new UnsafeBuffer(new byte[Long.BYTES]);
        lengthMessage.putLong(0, sectionLength, ByteOrder.LITTLE_ENDIAN);
        offer(publication, lengthMessage, 0, Long.BYTES, cluster);
        final int size = Math.max(1024, Math.min(chunk, publication.maxMessageLength()));
        for (int offset = 0; offset < sectionLength; offset += size)
        {
            offer(publication, section, offset, Math.min(size, sectionLength - offset), cluster);
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
                throw new SnapshotException("the snapshot stream closed while the member's snapshot was written");
            }
            cluster.idleStrategy().idle();
        }
    }

    static CoreSnapshot.Restored load(final Image image, final CoreSnapshot codec, final SessionRateLimits limits,
        final LoggedSettings settings, final Cluster cluster)
    {
        final ExpandableArrayBuffer bytes = new ExpandableArrayBuffer(64 * 1024);
        final int coreLength = readSection(image, bytes, cluster, true);
        final CoreSnapshot.Restored restored = codec.read(bytes, coreLength);
        final int limitsLength = readSection(image, bytes, cluster, false);
        limits.read(bytes, 0, Math.max(0, limitsLength));
        final int settingsLength = limitsLength < 0 ? -1 : readSection(image, bytes, cluster, false);
        settings.read(bytes, 0, Math.max(0, settingsLength));
        return restored;
    }

    /**
     * Reads one section into {@code bytes}, one fragment at a time so that the next section stays on the image;
     * returns its length, or -1 when the stream ended before it began and it is optional.
     */
    private static int readSection(final Image image, final ExpandableArrayBuffer bytes, final Cluster cluster,
        final boolean required)
    {
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
            }, 1);
            if (fragments == 0)
            {
                if (image.isClosed() || image.isEndOfStream())
                {
                    if (!required && expected[0] < 0)
                    {
                        return -1;
                    }
                    throw new SnapshotException("the cluster's snapshot ended after " + received[0] + " of " +
                        expected[0] + " bytes of a section");
                }
                cluster.idleStrategy().idle();
            }
        }
        return received[0];
    }
}
