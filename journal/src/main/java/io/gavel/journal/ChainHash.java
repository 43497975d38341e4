package io.gavel.journal;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * The journal's running hash: each record's hash folds the previous record's hash with every byte of this record
 * (its chain field zeroed). Altering, removing, inserting or swapping any record breaks every hash after it.
 * A fast 64-bit mix, not a cryptographic signature: anchoring chain heads outside the machine is what stops an
 * attacker who rewrites the whole tail (see docs/DESIGN.md, signed checkpoints).
 */
public final class ChainHash
{
    public static final long SEED = 0x6761_7665_6c5f_6a31L;
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;

    private ChainHash()
    {
    }

    public static long next(final long previous, final DirectBuffer buffer, final int offset, final int length)
    {
        long h = previous ^ (length * P1);
        int i = offset;
        final int end = offset + length;
        for (; i + Long.BYTES <= end; i += Long.BYTES)
        {
            h = round(h, buffer.getLong(i, ByteOrder.LITTLE_ENDIAN));
        }
        long tail = 0;
        for (int shift = 0; i < end; i++, shift += 8)
        {
            tail |= (buffer.getByte(i) & 0xFFL) << shift;
        }
        h = round(h, tail);
        h ^= h >>> 33;
        h *= P2;
        h ^= h >>> 29;
        return h;
    }

    private static long round(final long h, final long word)
    {
        long k = word * P2;
        k = Long.rotateLeft(k, 31) * P1;
        return Long.rotateLeft(h ^ k, 27) * P1 + 0x85EBCA77C2B2AE63L;
    }
}
