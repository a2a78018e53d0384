package dev.wormhole.key;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;

/**
 * The default {@link KeyStore}: this process's memory. A restart forgets every key created through the admin API,
 * and each replica has its own; declare keys in configuration, or use a shared store, to outlive both. Writes are
 * serialized so that the hash index never disagrees with the records; reads take no lock.
 */
@DefaultBean
@ApplicationScoped
public class InMemoryKeyStore implements KeyStore {

    private final NavigableMap<String, VirtualKey> byId = new ConcurrentSkipListMap<>();
    private final Map<String, String> idByHash = new ConcurrentHashMap<>();

    @Override
    public Uni<Optional<VirtualKey>> byId(String id) {
        return Uni.createFrom().item(Optional.ofNullable(byId.get(id)));
    }

    @Override
    public Uni<Optional<VirtualKey>> byHash(String secretHash) {
        String id = idByHash.get(secretHash);
        return Uni.createFrom().item(Optional.ofNullable(id == null ? null : byId.get(id)));
    }

    @Override
    public synchronized Uni<Boolean> create(VirtualKey key) {
        if (byId.containsKey(key.id()) || idByHash.containsKey(key.secretHash())) {
            return Uni.createFrom().item(false);
        }
        byId.put(key.id(), key);
        idByHash.put(key.secretHash(), key.id());
        return Uni.createFrom().item(true);
    }

    @Override
    public synchronized Uni<Optional<VirtualKey>> update(String id, UnaryOperator<VirtualKey> change) {
        VirtualKey old = byId.get(id);
        if (old == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        VirtualKey changed = change.apply(old);
        byId.put(id, changed);
        if (!changed.secretHash().equals(old.secretHash())) {
            idByHash.remove(old.secretHash());
            idByHash.put(changed.secretHash(), id);
        }
        return Uni.createFrom().item(Optional.of(changed));
    }

    @Override
    public Uni<List<VirtualKey>> list(String afterId, int limit) {
        Map<String, VirtualKey> tail = afterId == null ? byId : byId.tailMap(afterId, false);
        return Uni.createFrom().item(tail.values().stream().limit(limit).toList());
    }

    @Override
    public synchronized Uni<Boolean> delete(String id) {
        VirtualKey removed = byId.remove(id);
        if (removed != null) {
            idByHash.remove(removed.secretHash());
        }
        return Uni.createFrom().item(removed != null);
    }
}
