package dev.wormhole.limit;

import org.junit.jupiter.api.extension.RegisterExtension;

import dev.wormhole.state.StateStore;
import dev.wormhole.testing.RedisStores;

/** {@link KeyLimiter} on a real redis-server. */
class RedisKeyLimiterTest extends KeyLimiterContract {

    @RegisterExtension
    static final RedisStores REDIS = new RedisStores("wormhole-limits-test:");

    @Override
    protected StateStore open() {
        return REDIS.open();
    }
}
