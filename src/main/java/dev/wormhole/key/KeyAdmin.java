package dev.wormhole.key;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The life cycle of virtual keys behind the admin API: create (the secret is returned once, only its hash kept),
 * list, get, update, revoke, rotate and delete. Keys declared in configuration are listed and read but never
 * changed here (403). Every change made here is effective at once on this replica; on others within
 * {@code wormhole.auth.key-cache-ttl} when they share the {@link KeyStore}. Logs name keys by id, never by secret.
 */
@ApplicationScoped
public class KeyAdmin {

    /** Most keys one list page may hold. */
    public static final int MAX_PAGE = 100;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,80}");

    private final KeyStore store;
    private final ConfigKeys configKeys;
    private final KeySecrets secrets;
    private final KeyAuthenticator authenticator;

    KeyAdmin(KeyStore store, ConfigKeys configKeys, KeySecrets secrets, KeyAuthenticator authenticator) {
        this.store = store;
        this.configKeys = configKeys;
        this.secrets = secrets;
        this.authenticator = authenticator;
    }

    /** A key with its secret: the only time the secret is seen. */
    public record IssuedKey(VirtualKey key, String secret) {
    }

    /** One page of keys, by id, and whether more follow. */
    public record KeyPage(List<VirtualKey> keys, boolean hasMore) {
    }

    /** Creates a key from a valid {@code spec}. */
    public Uni<IssuedKey> create(KeySpec spec) {
        requireValid(spec, Instant.now());
        return Uni.createFrom().deferred(() -> {
            String secret = secrets.generate();
            Instant now = now();
            VirtualKey key = new VirtualKey(secrets.newId(), spec, KeySecrets.hash(secret), KeySecrets.hint(secret),
                    KeySource.API, now, now, null);
            return store.create(key).map(created -> {
                if (!created) {
                    throw GatewayException.of(ErrorKind.INTERNAL, "key_collision", "A new key collided; try again.");
                }
                Log.infof("Virtual key %s created (%s)", key.id(), key.hint());
                return new IssuedKey(key, secret);
            });
        });
    }

    /** At most {@code limit} keys (declared and created), by id, after {@code afterId} when given. */
    public Uni<KeyPage> list(String afterId, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            return Uni.createFrom().failure(GatewayException.invalid("limit", "limit must be 1 to " + MAX_PAGE + "."));
        }
        if (afterId != null && !ID.matcher(afterId).matches()) {
            return Uni.createFrom().failure(GatewayException.invalid("after", "after must be a key id."));
        }
        return store.list(afterId, limit + 1).map(stored -> {
            List<VirtualKey> all = new ArrayList<>(configKeys.list(afterId, limit + 1));
            all.addAll(stored);
            all.sort(Comparator.comparing(VirtualKey::id));
            return new KeyPage(List.copyOf(all.subList(0, Math.min(limit, all.size()))), all.size() > limit);
        });
    }

    /** The key with this id; a 404 when there is none. */
    public Uni<VirtualKey> get(String id) {
        if (!ID.matcher(id).matches()) {
            return Uni.createFrom().failure(notFound());
        }
        Optional<VirtualKey> declared = configKeys.byId(id);
        if (declared.isPresent()) {
            return Uni.createFrom().item(declared.get());
        }
        return store.byId(id).map(found -> found.orElseThrow(KeyAdmin::notFound));
    }

    /** Replaces the owner-set fields of a created key with {@code change} applied to them, if the result is valid. */
    public Uni<VirtualKey> update(String id, UnaryOperator<KeySpec> change) {
        return changed(id, "updated", key -> {
            KeySpec spec = change.apply(key.spec());
            // An expiry left as it was may have passed already; only a new one must lie ahead.
            boolean newExpiry = !Objects.equals(spec.expiresAt(), key.spec().expiresAt());
            requireValid(spec, newExpiry ? Instant.now() : Instant.EPOCH);
            return key.withSpec(spec, now());
        });
    }

    /** Revokes a created key: it stops working at once here, within the cache TTL elsewhere. Idempotent. */
    public Uni<VirtualKey> revoke(String id) {
        return changed(id, "revoked", key -> key.revoked(now()));
    }

    /** Gives a created key a new secret; the old secret stops working at once (no grace period). */
    public Uni<IssuedKey> rotate(String id) {
        String secret = secrets.generate();
        return changed(id, "rotated", key -> {
            if (key.revokedAt() != null) {
                throw GatewayException.of(ErrorKind.INVALID_REQUEST, "key_revoked",
                        "A revoked key cannot be rotated; create a new key.");
            }
            return key.withSecret(KeySecrets.hash(secret), KeySecrets.hint(secret), now());
        }).map(key -> new IssuedKey(key, secret));
    }

    /** Deletes a created key and its record; a 404 when there is none. */
    public Uni<Void> delete(String id) {
        return writable(id).chain(() -> store.delete(id)).map(deleted -> {
            if (!deleted) {
                throw notFound();
            }
            authenticator.forget();
            Log.infof("Virtual key %s deleted", id);
            return null;
        });
    }

    private Uni<VirtualKey> changed(String id, String what, UnaryOperator<VirtualKey> change) {
        return writable(id).chain(() -> store.update(id, change)).map(found -> {
            VirtualKey key = found.orElseThrow(KeyAdmin::notFound);
            authenticator.forget();
            Log.infof("Virtual key %s %s", id, what);
            return key;
        });
    }

    /** Fails unless {@code id} may name a created key: a 404 for a malformed id, a 403 for a declared key. */
    private Uni<Void> writable(String id) {
        if (!ID.matcher(id).matches()) {
            return Uni.createFrom().failure(notFound());
        }
        if (configKeys.byId(id).isPresent()) {
            return Uni.createFrom().failure(GatewayException.forbidden(null, "config_key_read_only", "Key '" + id
                    + "' is declared in configuration (wormhole.keys); change it there, not through the admin API."));
        }
        return Uni.createFrom().voidItem();
    }

    private static void requireValid(KeySpec spec, Instant expiryAfter) {
        List<KeyRules.Problem> problems = KeyRules.problems(spec, expiryAfter);
        if (!problems.isEmpty()) {
            throw GatewayException.invalid(problems.get(0).field(), problems.get(0).message());
        }
    }

    private static GatewayException notFound() {
        return GatewayException.notFound(null, "key_not_found", "No virtual key has this id.");
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
