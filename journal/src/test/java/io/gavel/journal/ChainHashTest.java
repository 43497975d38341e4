package io.gavel.journal;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Hashing a record where it lies, reading its chain field as zero ({@link ChainHash#nextSkipping}), gives the hash
 * of the record with that field zeroed ({@link ChainHash#next}), for every length and field position; and it reads
 * only: the buffer is left as it was.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ChainHashTest
{
    @Test
    void skippingTheFieldHashesAsZeroingIt()
    {
        final SplittableRandom random = new SplittableRandom(13);
        final byte[] bytes = new byte[300];
        for (int round = 0; round < 20_000; round++)
        {
            random.nextBytes(bytes);
            final int offset = random.nextInt(16);
            final int length = 8 + random.nextInt(bytes.length - offset - 8);
            final int skipAt = random.nextInt(length - 7);
            final long previous = random.nextLong();
            final UnsafeBuffer record = new UnsafeBuffer(bytes.clone());
            final UnsafeBuffer zeroed = new UnsafeBuffer(bytes.clone());
            zeroed.putLong(offset + skipAt, 0L);
            assertEquals(ChainHash.next(previous, zeroed, offset, length),
                ChainHash.nextSkipping(previous, record, offset, length, skipAt),
                "length " + length + ", field at " + skipAt);
            assertArrayEquals(bytes, record.byteArray(), "the record is only read");
        }
    }

    @Test
    void theFieldItselfDoesNotChangeTheHashButEveryOtherByteDoes()
    {
        final UnsafeBuffer record = new UnsafeBuffer(new byte[RecordLayout.HEAD_LENGTH + 20]);
        final long base = ChainHash.nextSkipping(1, record, 0, record.capacity(), RecordLayout.CHAIN_HASH_OFFSET);
        for (int i = 0; i < record.capacity(); i++)
        {
            record.putByte(i, (byte)1);
            final long hash = ChainHash.nextSkipping(1, record, 0, record.capacity(), RecordLayout.CHAIN_HASH_OFFSET);
            final boolean inField = i >= RecordLayout.CHAIN_HASH_OFFSET && i < RecordLayout.CHAIN_HASH_OFFSET + 8;
            assertEquals(inField, hash == base, "byte " + i);
            record.putByte(i, (byte)0);
        }
    }
}
