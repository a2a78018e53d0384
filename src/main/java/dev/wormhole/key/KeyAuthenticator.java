package dev.wormhole.key;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.config.WormholeConfig;
import dev.wormhole.core.Caller;
import io.smallrye.mutiny.Uni;

/**
 * Tells who a presented gateway key belongs to: one of the static keys ({@code wormhole.auth.api-keys}, compared
 * in constant time as before), a key declared in configuration, or a key of the {@link KeyStore}. A key found in
 * the store is trusted for at most {@code wormhole.auth.key-cache-ttl} (≤ 1 s) before it is looked up again, so a
 * revocation through any replica reaches every replica sharing the store within that time; one made here counts
 * at once. Revoked, expired and unknown keys are all refused alike. Secrets are never kept or logged: only their
 * SHA-256.
 */
@ApplicationScoped
public class KeyAuthenticator {

    /** Above this many cached keys, lapsed entries are swept out. */
    private static final int SWEEP_ABOVE = 4096;

    private final List<byte[]> staticDigests;
    private final boolean adminKeySet;
    private final ConfigKeys configKeys;
    private final KeyStore store;
    private final long ttlNanos;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    KeyAuthenticator(WormholeConfig config, ConfigKeys configKeys, KeyStore store) {
        this.staticDigests = config.auth().apiKeys().orElse(List.of()).stream().filter(k -> !k.isBlank())
                .map(k -> KeySecrets.sha256(k.getBytes(StandardCharsets.UTF_8))).toList();
        this.adminKeySet = config.auth().adminKey().isPresent();
        this.configKeys = configKeys;
        this.store = store;
        this.ttlNanos = config.auth().keyCacheTtl().toNanos();
    }

    /** A key found in the store, and when it was looked up. */
    private record Cached(VirtualKey key, Caller caller, long loadedNanos) {
    }

    /**
     * Whether clients must present a key: a static key, a declared key or an admin key (which manages virtual
     * keys) is configured. Without any, the gateway serves everyone as {@link Caller#ANONYMOUS}, as before.
     */
    public boolean required() {
        return !staticDigests.isEmpty() || configKeys.any() || adminKeySet;
    }

    /** Whether {@code presented} is one of the static gateway keys, in constant time. */
    public boolean staticKey(String presented) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        byte[] candidate = KeySecrets.sha256(presented.getBytes(StandardCharsets.UTF_8));
        boolean match = false;
        for (byte[] key : staticDigests) {
            match |= MessageDigest.isEqual(candidate, key);
        }
        return match;
    }

    /** Who {@code presented} belongs to; empty for a missing, unknown, revoked or expired key. */
    public Uni<Optional<Caller>> authenticate(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        if (staticKey(presented)) {
            return Uni.createFrom().item(Optional.of(Caller.STATIC_KEY));
        }
        String hash = KeySecrets.hash(presented);
        Optional<VirtualKey> declared = configKeys.byHash(hash);
        if (declared.isPresent()) {
            return Uni.createFrom().item(usable(declared.get(), declared.get().caller(), hash));
        }
        long now = System.nanoTime();
        Cached cached = cache.get(hash);
        if (cached != null && now - cached.loadedNanos() < ttlNanos) {
            return Uni.createFrom().item(usable(cached.key(), cached.caller(), hash));
        }
        return store.byHash(hash).map(found -> {
            if (found.isEmpty()) {
                cache.remove(hash);
                return Optional.empty();
            }
            Caller caller = found.get().caller();
            remember(hash, new Cached(found.get(), caller, now));
            return usable(found.get(), caller, hash);
        });
    }

    /** Forgets every cached lookup: called after a key changes through this replica, so the change counts at once. */
    public void forget() {
        cache.clear();
    }

    private Optional<Caller> usable(VirtualKey key, Caller caller, String hash) {
        // The store found the key by its hash; comparing again, in constant time, guards against a store whose
        // lookup is looser than byte equality.
        boolean same = KeySecrets.sameHash(key.secretHash(), hash);
        return same && key.active(Instant.now()) ? Optional.of(caller) : Optional.empty();
    }

    private void remember(String hash, Cached entry) {
        if (ttlNanos <= 0) {
            return;
        }
        if (cache.size() > SWEEP_ABOVE) {
            long now = System.nanoTime();
            cache.values().removeIf(c -> now - c.loadedNanos() >= ttlNanos);
        }
        cache.put(hash, entry);
    }
}
