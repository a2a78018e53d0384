package dev.wormhole.idempotency;

import org.junit.jupiter.api.extension.RegisterExtension;

import dev.wormhole.state.StateStore;
import dev.wormhole.testing.RedisStores;

/** {@link IdempotentCalls} on a real redis-server. */
class RedisIdempotentCallsTest extends IdempotentCallsContract {

    @RegisterExtension
    static final RedisStores REDIS = new RedisStores("wormhole-idempotency-test:");

    @Override
    protected StateStore open() {
        return REDIS.open();
    }
}
