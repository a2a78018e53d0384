package dev.wormhole.key;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Makes and hashes virtual key secrets. A secret is {@code wh-} and 40 URL-safe characters (240 random bits from
 * {@link SecureRandom}); only its SHA-256 is kept. Hashing without a salt is safe here because the secrets are
 * random and long, and it lets a request's key be found by its hash in one lookup.
 */
@ApplicationScoped
public class KeySecrets {

    /** What every generated secret starts with, so that scanners and people recognise it. */
    public static final String PREFIX = "wh-";

    private final SecureRandom random = new SecureRandom();

    /** A new secret. */
    public String generate() {
        return PREFIX + token(30);
    }

    /** A new public key id: {@code key_} and 20 URL-safe characters. */
    public String newId() {
        return "key_" + token(15);
    }

    /** SHA-256 of {@code secret} as 64 lowercase hex digits. */
    public static String hash(String secret) {
        return HexFormat.of().formatHex(sha256(secret.getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether two hashes are equal, in time that does not depend on where they differ. */
    public static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    /** The non-secret hint shown in place of a secret: its prefix and its last 4 characters. */
    public static String hint(String secret) {
        String tail = secret.length() > 8 ? secret.substring(secret.length() - 4) : "";
        return (secret.startsWith(PREFIX) ? PREFIX : "") + "…" + tail;
    }

    private String token(int bytes) {
        byte[] buffer = new byte[bytes];
        random.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
