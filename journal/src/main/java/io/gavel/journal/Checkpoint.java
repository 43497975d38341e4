package io.gavel.journal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * One signed checkpoint: records {@code from..to} (1-based journal positions) hash, with SHA-256, to {@code sha256}
 * (chained to the previous checkpoint's digest {@code previous}); the journal's 64-bit chain head at {@code to} is
 * {@code chain}; {@code key} names the Ed25519 key that signed it. Stored as one text line, the signature over the
 * line's bytes before {@code " sig="}:
 * <pre>checkpoint v1 from=1 to=10000 time=2026-11-29T22:00:00Z chain=… sha256=… prev=… key=… sig=…</pre>
 */
public record Checkpoint(long from, long to, Instant time, long chain, byte[] sha256, byte[] previous, String key,
    byte[] signature)
{
    public static final int DIGEST_LENGTH = 32;
    private static final HexFormat HEX = HexFormat.of();
    private static final String SIG = " sig=";

    /** The signed part of the line. */
    public String payload()
    {
        return "checkpoint v1 from=" + from + " to=" + to + " time=" + time + " chain=" +
            String.format("%016x", chain) +
            " sha256=" + HEX.formatHex(sha256) + " prev=" + HEX.formatHex(previous) + " key=" + key;
    }

    public String line()
    {
        return payload() + SIG + Base64.getEncoder().encodeToString(signature);
    }

    /** Signs a checkpoint with {@code key}, whose public half is {@code publicKey}. */
    public static Checkpoint sign(final long from, final long to, final Instant time, final long chain,
        final byte[] sha256, final byte[] previous, final PrivateKey key, final PublicKey publicKey)
    {
        final Checkpoint unsigned = new Checkpoint(from, to, time, chain, sha256, previous,
            Ed25519Keys.fingerprint(publicKey), new byte[0]);
        try
        {
            final Signature signer = Signature.getInstance(Ed25519Keys.ALGORITHM);
            signer.initSign(key);
            signer.update(unsigned.payload().getBytes(StandardCharsets.UTF_8));
            return new Checkpoint(from, to, time, chain, sha256, previous, unsigned.key, signer.sign());
        }
        catch (final GeneralSecurityException ex)
        {
            throw new JournalException("cannot sign a checkpoint: " + ex.getMessage(), ex);
        }
    }

    /** Whether {@code key} signed exactly this checkpoint. */
    public boolean signedBy(final PublicKey key)
    {
        try
        {
            final Signature verifier = Signature.getInstance(Ed25519Keys.ALGORITHM);
            verifier.initVerify(key);
            verifier.update(payload().getBytes(StandardCharsets.UTF_8));
            return verifier.verify(signature);
        }
        catch (final GeneralSecurityException ex)
        {
            return false;
        }
    }

    /** Parses one line of the checkpoint log; throws a {@link JournalException} saying what is wrong with it. */
    public static Checkpoint parse(final String line)
    {
        final int sig = line.lastIndexOf(SIG);
        if (!line.startsWith("checkpoint v1 ") || sig < 0)
        {
            throw new JournalException("not a 'checkpoint v1 ... sig=...' line");
        }
        final Map<String, String> fields = new HashMap<>();
        for (final String part : line.substring("checkpoint v1 ".length()).split(" "))
        {
            final int eq = part.indexOf('=');
            if (eq <= 0)
            {
                throw new JournalException("field '" + part + "' is not name=value");
            }
            fields.put(part.substring(0, eq), part.substring(eq + 1));
        }
        try
        {
            final Checkpoint checkpoint = new Checkpoint(Long.parseLong(field(fields, "from")),
                Long.parseLong(field(fields, "to")), Instant.parse(field(fields, "time")),
                Long.parseUnsignedLong(field(fields, "chain"), 16), digest(field(fields, "sha256")),
                digest(field(fields, "prev")), field(fields, "key"), Base64.getDecoder().decode(field(fields, "sig")));
            if (checkpoint.from < 1 || checkpoint.to < checkpoint.from)
            {
                throw new JournalException("range " + checkpoint.from + ".." + checkpoint.to + " is impossible");
            }
            return checkpoint;
        }
        catch (final RuntimeException ex)
        {
            if (ex instanceof JournalException)
            {
                throw ex;
            }
            throw new JournalException("a field is damaged (" + ex.getMessage() + ")", ex);
        }
    }

    private static String field(final Map<String, String> fields, final String name)
    {
        final String value = fields.get(name);
        if (value == null)
        {
            throw new JournalException("field '" + name + "' is missing");
        }
        return value;
    }

    private static byte[] digest(final String hex)
    {
        final byte[] bytes = HEX.parseHex(hex);
        if (bytes.length != DIGEST_LENGTH)
        {
            throw new JournalException("a digest of " + bytes.length + " bytes, not " + DIGEST_LENGTH);
        }
        return bytes;
    }

    public String sha256Hex()
    {
        return HEX.formatHex(sha256);
    }

    public String previousHex()
    {
        return HEX.formatHex(previous);
    }
}
