package dev.wormhole.key;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.core.KeyLimits;
import dev.wormhole.state.StateStore;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The {@link KeyStore} on the gateway's {@link StateStore}: embedded (kept in the state file across restarts) or
 * Redis (shared by every replica, so a key created, changed or revoked on one counts on all within
 * {@code wormhole.auth.key-cache-ttl}). A record per id as JSON ({@code keys:id:<id>}), the secret hash's id
 * ({@code keys:hash:<sha256>}) and an index of ids ({@code keys:ids}). The hash is claimed first with putIfAbsent,
 * so two keys can never share a secret; there is no compare-and-set, so of two concurrent changes to one key the
 * later write wins.
 */
@ApplicationScoped
@RegisterForReflection(targets = { VirtualKey.class, KeySpec.class, KeyLimits.class, KeyLimits.Budget.class })
public class StateKeyStore implements KeyStore {

    private static final String IDS = "keys:ids";

    private final StateStore state;
    private final ObjectMapper json;

    StateKeyStore(StateStore state, ObjectMapper json) {
        this.state = state;
        this.json = json;
    }

    @Override
    public Uni<Optional<VirtualKey>> byId(String id) {
        return state.get(record(id)).map(found -> found.map(this::decode));
    }

    @Override
    public Uni<Optional<VirtualKey>> byHash(String secretHash) {
        return state.get(hash(secretHash)).flatMap(found -> found.isEmpty() ? Uni.createFrom().item(Optional.empty())
                : byId(new String(found.get(), StandardCharsets.UTF_8)));
    }

    @Override
    public Uni<Boolean> create(VirtualKey key) {
        byte[] id = key.id().getBytes(StandardCharsets.UTF_8);
        return state.putIfAbsent(hash(key.secretHash()), id, StateStore.FOREVER).flatMap(claimed -> {
            if (!claimed) {
                return Uni.createFrom().item(false);
            }
            return state.putIfAbsent(record(key.id()), encode(key), StateStore.FOREVER).flatMap(stored -> stored
                    ? state.indexAdd(IDS, key.id()).replaceWith(true)
                    : state.delete(hash(key.secretHash())).replaceWith(false));
        });
    }

    @Override
    public Uni<Optional<VirtualKey>> update(String id, UnaryOperator<VirtualKey> change) {
        return byId(id).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Optional.<VirtualKey> empty());
            }
            VirtualKey old = found.get();
            VirtualKey changed = change.apply(old);
            Uni<Void> written = state.put(record(id), encode(changed), StateStore.FOREVER);
            if (!changed.secretHash().equals(old.secretHash())) {
                written = written.chain(() -> state.put(hash(changed.secretHash()), id.getBytes(StandardCharsets.UTF_8),
                        StateStore.FOREVER)).chain(() -> state.delete(hash(old.secretHash()))).replaceWithVoid();
            }
            return written.replaceWith(Optional.of(changed));
        });
    }

    @Override
    public Uni<List<VirtualKey>> list(String afterId, int limit) {
        return state.indexPage(IDS, afterId == null ? "" : afterId, limit).flatMap(ids -> Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(this::byId)
                .filter(Optional::isPresent).map(Optional::get)
                .collect().asList());
    }

    @Override
    public Uni<Boolean> delete(String id) {
        return byId(id).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(false);
            }
            return state.delete(record(id)).chain(() -> state.delete(hash(found.get().secretHash())))
                    .chain(() -> state.indexRemove(IDS, id)).replaceWith(true);
        });
    }

    private static String record(String id) {
        return "keys:id:" + id;
    }

    private static String hash(String secretHash) {
        return "keys:hash:" + secretHash;
    }

    private byte[] encode(VirtualKey key) {
        try {
            return json.writeValueAsBytes(key);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode key " + key.id(), e);
        }
    }

    private VirtualKey decode(byte[] bytes) {
        try {
            return json.readValue(bytes, VirtualKey.class);
        } catch (IOException e) {
            throw new IllegalStateException("A stored key record is not readable", e);
        }
    }
}
