package dev.wormhole.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.wormhole.config.WormholeConfig;
import dev.wormhole.core.GatewayException;

/**
 * Generated images the gateway serves itself under {@code /v1/images/files/{id}?exp=…&sig=…}: kept in memory,
 * oldest first out once the configured bytes are exceeded, each until its URL expires. The signature is an
 * HMAC-SHA256 of the id and expiry with a secret drawn at start, so URLs die with the process, and a URL cannot be
 * forged, extended or pointed at another image.
 */
@ApplicationScoped
public class ImageFiles {

    /** A stored image. */
    public record Stored(byte[] bytes, String mimeType, long expiresAt) {
    }

    private static final Pattern ID = Pattern.compile("img_[0-9a-f]{32}");
    private static final String HMAC = "HmacSHA256";
    private static final Set<String> IMAGE_TYPES = Set.of("image/png", "image/jpeg", "image/webp", "image/gif");

    private final Duration ttl;
    private final long maxBytes;
    private final Clock clock;
    private final byte[] secret = new byte[32];
    private final Map<String, Stored> images = new LinkedHashMap<>();
    private long storedBytes;

    @Inject
    ImageFiles(WormholeConfig config) {
        this(config.images().urlTtl(), config.images().maxStoredBytes().asLongValue(), Clock.systemUTC());
    }

    ImageFiles(Duration ttl, long maxBytes, Clock clock) {
        this.ttl = ttl;
        this.maxBytes = maxBytes;
        this.clock = clock;
        new SecureRandom().nextBytes(secret);
    }

    /**
     * Keeps the image and answers its signed path (no scheme or host), valid for the configured time. The media
     * type, which the provider named and which becomes a response header, is kept only when it is a known image
     * type.
     */
    public synchronized String store(byte[] bytes, String mimeType) {
        long now = clock.millis() / 1000;
        long expiresAt = now + Math.max(1, ttl.toSeconds());
        String id = "img_" + UUID.randomUUID().toString().replace("-", "");
        evict(now, bytes.length);
        images.put(id, new Stored(bytes, IMAGE_TYPES.contains(mimeType) ? mimeType : "application/octet-stream",
                expiresAt));
        storedBytes += bytes.length;
        return "/v1/images/files/" + id + "?exp=" + expiresAt + "&sig=" + sign(id, expiresAt);
    }

    /**
     * The image a signed URL names: 403 when the signature does not match the id and expiry, 404 when the URL has
     * expired or the image is no longer kept.
     */
    public synchronized Stored fetch(String id, String exp, String sig) {
        long expiresAt;
        try {
            expiresAt = Long.parseLong(exp == null ? "" : exp);
        } catch (NumberFormatException e) {
            throw refused();
        }
        if (id == null || !ID.matcher(id).matches() || sig == null || !MessageDigest.isEqual(
                sign(id, expiresAt).getBytes(StandardCharsets.US_ASCII), sig.getBytes(StandardCharsets.US_ASCII))) {
            throw refused();
        }
        Stored image = images.get(id);
        if (expiresAt <= clock.millis() / 1000 || image == null) {
            throw GatewayException.notFound(null, "image_not_found", "This image URL has expired or its image is no "
                    + "longer kept; generate the image again.");
        }
        return image;
    }

    private static GatewayException refused() {
        return GatewayException.forbidden(null, "invalid_signature", "This image URL is not valid: its signature does "
                + "not match.");
    }

    private void evict(long now, long incoming) {
        Iterator<Stored> oldestFirst = images.values().iterator();
        while (oldestFirst.hasNext()) {
            Stored image = oldestFirst.next();
            if (image.expiresAt() > now && storedBytes + incoming <= maxBytes) {
                return;
            }
            storedBytes -= image.bytes().length;
            oldestFirst.remove();
        }
    }

    private String sign(String id, long expiresAt) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret, HMAC));
            byte[] digest = mac.doFinal((id + "." + expiresAt).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
