package io.gavel.journal;

import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The SHA-256 a checkpoint signs: a domain tag, the previous checkpoint's digest (zeros for the first), then each
 * record's length (4 bytes, little-endian) and its bytes exactly as stored, chain hash included. Unlike the 64-bit
 * chain, nobody can find other records with the same digest, so a signed digest pins the records themselves.
 */
final class RecordDigest
{
    private static final byte[] TAG = "gavel-checkpoint-v1".getBytes(StandardCharsets.US_ASCII);

    private final MessageDigest sha256;
    private final byte[] lengthBytes = new byte[4];
    private byte[] copy = new byte[256];

    RecordDigest()
    {
        try
        {
            sha256 = MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("the JDK has no SHA-256", ex);
        }
    }

    void begin(final byte[] previous)
    {
        sha256.reset();
        sha256.update(TAG);
        sha256.update(previous);
    }

    /** Adds one record: the bytes of {@code buffer} from 0 to {@code length} (the journal reader's record). */
    void add(final DirectBuffer buffer, final int length)
    {
        lengthBytes[0] = (byte)length;
        lengthBytes[1] = (byte)(length >>> 8);
        lengthBytes[2] = (byte)(length >>> 16);
        lengthBytes[3] = (byte)(length >>> 24);
        sha256.update(lengthBytes);
        final byte[] array = buffer.byteArray();
        if (array != null)
        {
            sha256.update(array, (int)buffer.wrapAdjustment(), length);
            return;
        }
        if (copy.length < length)
        {
            copy = new byte[length];
        }
        buffer.getBytes(0, copy, 0, length);
        sha256.update(copy, 0, length);
    }

    byte[] finish()
    {
        return sha256.digest();
    }
}
