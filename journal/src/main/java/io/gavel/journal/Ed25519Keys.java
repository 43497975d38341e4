package io.gavel.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The checkpoint signing keys: Ed25519 (the JDK's own), stored as PEM files an operator can inspect with openssl —
 * the private key as PKCS#8 ({@code BEGIN PRIVATE KEY}, readable by its owner only), the public key as X.509
 * ({@code BEGIN PUBLIC KEY}). Both live outside the journal: whoever can rewrite the journal must not be able to sign.
 */
public final class Ed25519Keys
{
    public static final String ALGORITHM = "Ed25519";
    private static final String PRIVATE = "PRIVATE KEY";
    private static final String PUBLIC = "PUBLIC KEY";

    private Ed25519Keys()
    {
    }

    /** Creates a new key pair in two new files; refuses to overwrite either. */
    public static KeyPair generate(final Path privateFile, final Path publicFile)
    {
        for (final Path file : new Path[]{privateFile, publicFile})
        {
            if (Files.exists(file))
            {
                throw new JournalException(file + " exists; a key file is never overwritten");
            }
        }
        try
        {
            final KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            Files.createFile(privateFile);
            try
            {
                Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-------"));
            }
            catch (final UnsupportedOperationException ex)
            {
                // not a POSIX file system: the operator protects the file
            }
            Files.writeString(privateFile, pem(PRIVATE, pair.getPrivate().getEncoded()));
            Files.writeString(publicFile, pem(PUBLIC, pair.getPublic().getEncoded()));
            return pair;
        }
        catch (final IOException | GeneralSecurityException ex)
        {
            throw new JournalException("cannot create the key pair " + privateFile + ", " + publicFile + ": " +
                ex.getMessage(), ex);
        }
    }

    public static PrivateKey readPrivate(final Path file)
    {
        try
        {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(unpem(file, PRIVATE)));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new JournalException(file + " is not an Ed25519 private key (" + ex.getMessage() + ")", ex);
        }
    }

    public static PublicKey readPublic(final Path file)
    {
        try
        {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(unpem(file, PUBLIC)));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new JournalException(file + " is not an Ed25519 public key (" + ex.getMessage() + ")", ex);
        }
    }

    /**
     * The public key of a private one, so a checkpoint can name the key that signed it. The JDK has no
     * public-from-private for EdDSA; its key generator derives the key pair from 32 random bytes, the private key's
     * seed, so feeding it the seed derives the same public key.
     */
    public static PublicKey publicOf(final PrivateKey key)
    {
        try
        {
            final java.security.interfaces.EdECPrivateKey ed = (java.security.interfaces.EdECPrivateKey)key;
            final byte[] seed = ed.getBytes().orElseThrow();
            final KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(java.security.spec.NamedParameterSpec.ED25519, new FixedSeed(seed));
            return generator.generateKeyPair().getPublic();
        }
        catch (final GeneralSecurityException | ClassCastException | java.util.NoSuchElementException ex)
        {
            throw new JournalException("cannot derive the public key of the checkpoint key: " + ex.getMessage(), ex);
        }
    }

    /** A short, stable name of a public key: the first 16 hex digits of SHA-256 over its X.509 encoding. */
    public static String fingerprint(final PublicKey key)
    {
        try
        {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("the JDK has no SHA-256", ex);
        }
    }

    private static String pem(final String type, final byte[] der)
    {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static byte[] unpem(final Path file, final String type)
    {
        final String text;
        try
        {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        }
        catch (final IOException ex)
        {
            throw new JournalException("cannot read key file " + file + ": " + ex.getMessage(), ex);
        }
        final String begin = "-----BEGIN " + type + "-----";
        final String end = "-----END " + type + "-----";
        final int from = text.indexOf(begin);
        final int to = text.indexOf(end);
        if (from < 0 || to < from)
        {
            throw new JournalException(file + " is not a PEM file with a " + type + " block");
        }
        try
        {
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new JournalException(file + " has a damaged " + type + " block (" + ex.getMessage() + ")", ex);
        }
    }

    /** Feeds a stored seed to the key generator, which is how the JDK derives an EdDSA public key. */
    private static final class FixedSeed extends java.security.SecureRandom
    {
        private static final long serialVersionUID = 1L;
        private final byte[] seed;

        FixedSeed(final byte[] seed)
        {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(final byte[] bytes)
        {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }
}
