package io.gavel.gateway;

import io.aeron.CncFileDescriptor;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;

import java.io.File;
import java.nio.MappedByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Whether an Aeron directory belongs to a running media driver. A live driver stamps a heartbeat into its CnC file
 * about once a second; a dead one's stamp stops. A recent stamp alone is not enough (a driver killed a moment ago
 * left one), so a recent stamp is watched until it moves (alive) or grows older than {@link #DEAD_AFTER_MS} (dead).
 * Starting a second driver on a live directory would delete it from under the first driver and its engine.
 */
public final class DriverLiveness
{
    /** A heartbeat this old means the driver is gone (a live one stamps about every second). */
    public static final long DEAD_AFTER_MS = 5_000;

    private DriverLiveness()
    {
    }

    public static boolean hasLiveDriver(final String aeronDirectory)
    {
        final File cnc = new File(aeronDirectory, CncFileDescriptor.CNC_FILE);
        if (!cnc.exists() || cnc.length() < CncFileDescriptor.END_OF_METADATA_OFFSET)
        {
            return false;
        }
        MappedByteBuffer mapped = null;
        try
        {
            mapped = IoUtil.mapExistingFile(cnc, "CnC file");
            final UnsafeBuffer metaData = CncFileDescriptor.createMetaDataBuffer(mapped);
            if (metaData.getIntVolatile(CncFileDescriptor.cncVersionOffset(0)) == 0)
            {
                return false; // never initialised: a driver that died while starting
            }
            final ManyToOneRingBuffer toDriver = new ManyToOneRingBuffer(
                CncFileDescriptor.createToDriverBuffer(mapped, metaData));
            final long first = toDriver.consumerHeartbeatTime();
            while (true)
            {
                final long now = System.currentTimeMillis();
                final long heartbeat = toDriver.consumerHeartbeatTime();
                if (heartbeat != first)
                {
                    return true;
                }
                if (now - heartbeat > DEAD_AFTER_MS)
                {
                    return false;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
        catch (final RuntimeException ex)
        {
            return false; // not a CnC file any driver could be using
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }
}
