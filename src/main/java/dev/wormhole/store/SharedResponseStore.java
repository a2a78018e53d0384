package dev.wormhole.store;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;

import dev.wormhole.state.StateStore;
import io.smallrye.mutiny.Uni;

/**
 * The response store on the gateway's shared state store (Redis): every replica sees a stored response, a
 * restart keeps it, and the store's own expiry removes it after its time to live. One value per response id
 * ({@code responses:<id>}): the response's length (4 bytes), the response, then the input items. There is no
 * count bound here: the time to live and the Redis server's memory policy bound it.
 */
final class SharedResponseStore implements ResponseStore {

    private final StateStore state;
    private final Duration ttl;

    SharedResponseStore(StateStore state, Duration ttl) {
        this.state = state;
        this.ttl = ttl;
    }

    @Override
    public Uni<Void> put(String id, StoredResponse response) {
        return Uni.createFrom().deferred(() -> state.put(key(id), encode(response), ttl));
    }

    @Override
    public Uni<Optional<StoredResponse>> get(String id) {
        return state.get(key(id)).map(found -> found.map(SharedResponseStore::decode));
    }

    @Override
    public Uni<Boolean> delete(String id) {
        return state.delete(key(id));
    }

    private static String key(String id) {
        return "responses:" + id;
    }

    static byte[] encode(StoredResponse response) {
        return ByteBuffer.allocate(4 + response.response().length + response.input().length)
                .putInt(response.response().length).put(response.response()).put(response.input()).array();
    }

    static StoredResponse decode(byte[] value) {
        ByteBuffer buffer = ByteBuffer.wrap(value);
        int length = buffer.getInt();
        if (length < 0 || length > buffer.remaining()) {
            throw new IllegalStateException("A stored response entry is damaged");
        }
        byte[] response = new byte[length];
        buffer.get(response);
        byte[] input = new byte[buffer.remaining()];
        buffer.get(input);
        return new StoredResponse(response, input);
    }
}
