package dev.wormhole.key;

import java.time.Instant;
import java.util.List;

import dev.wormhole.core.Caller;
import dev.wormhole.core.KeyLimits;
import dev.wormhole.core.ModelGlobs;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A virtual key as stored: its public id, what its owner set ({@link KeySpec}), the SHA-256 of its secret (never
 * the secret), a short hint of the secret for people to recognise it, and its life cycle. Immutable; every change
 * is a new record. Reflection: a shared key store keeps it as JSON.
 *
 * @param secretHash SHA-256 of the secret, 64 lowercase hex digits
 * @param hint       {@code wh-…} and the secret's last 4 characters
 * @param revokedAt  when the key was revoked, or null
 */
@RegisterForReflection
public record VirtualKey(String id, KeySpec spec, String secretHash, String hint, KeySource source, Instant createdAt,
        Instant updatedAt, Instant revokedAt) {

    /** What the key is now: {@code active}, {@code revoked} or {@code expired}. */
    public String status(Instant now) {
        if (revokedAt != null) {
            return "revoked";
        }
        return spec.expiresAt() != null && !now.isBefore(spec.expiresAt()) ? "expired" : "active";
    }

    /** Whether the key authenticates requests at {@code now}. */
    public boolean active(Instant now) {
        return "active".equals(status(now));
    }

    /** The request identity this key gives. */
    public Caller caller() {
        List<String> models = spec.models();
        return new Caller(id, spec.name(), spec.team(), models == null ? ModelGlobs.ANY : ModelGlobs.of(models),
                spec.limits() == null ? KeyLimits.NONE : spec.limits());
    }

    /** This key with new owner-set fields. */
    public VirtualKey withSpec(KeySpec changed, Instant now) {
        return new VirtualKey(id, changed, secretHash, hint, source, createdAt, now, revokedAt);
    }

    /** This key with a new secret; the old one no longer matches. */
    public VirtualKey withSecret(String newHash, String newHint, Instant now) {
        return new VirtualKey(id, spec, newHash, newHint, source, createdAt, now, revokedAt);
    }

    /** This key revoked at {@code now} (a key already revoked keeps its first revocation time). */
    public VirtualKey revoked(Instant now) {
        return revokedAt != null ? this : new VirtualKey(id, spec, secretHash, hint, source, createdAt, now, now);
    }
}
