package dev.wormhole.key;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import io.smallrye.mutiny.Uni;

/**
 * Where the virtual keys created through the admin API live. Shaped for a key-value store shared by every replica:
 * one record per id (as JSON), an index from secret hash to id, and one set of ids for listing. Its implementation
 * is {@link StateKeyStore}, on the gateway's state store: kept across restarts (embedded) or shared by every replica
 * (Redis), where a key created, changed or revoked on one replica counts on all of them within
 * {@code wormhole.auth.key-cache-ttl}.
 */
public interface KeyStore {

    /** The key with this id. */
    Uni<Optional<VirtualKey>> byId(String id);

    /** The key whose secret has this SHA-256 (64 lowercase hex digits). */
    Uni<Optional<VirtualKey>> byHash(String secretHash);

    /** Stores a new key; false (and nothing stored) when its id or secret hash is taken. */
    Uni<Boolean> create(VirtualKey key);

    /**
     * Replaces the key with this id by {@code change} applied to it, keeping the hash index in step; empty when
     * there is none. An implementation without compare-and-set may lose one of two concurrent changes.
     */
    Uni<Optional<VirtualKey>> update(String id, UnaryOperator<VirtualKey> change);

    /** At most {@code limit} keys whose id sorts after {@code afterId} (from the first when null), by id. */
    Uni<List<VirtualKey>> list(String afterId, int limit);

    /** Removes the key with this id and its hash index entry; false when there was none. */
    Uni<Boolean> delete(String id);
}
