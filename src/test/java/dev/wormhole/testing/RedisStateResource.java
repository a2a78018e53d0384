package dev.wormhole.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A real redis-server for a {@code @QuarkusTest}, with the gateway's state store pointed at it. */
public class RedisStateResource implements QuarkusTestResourceLifecycleManager {

    private RedisServer server;

    @Override
    public Map<String, String> start() {
        server = RedisServer.start();
        return Map.of("wormhole.state.backend", "redis", "wormhole.state.redis-url", server.url().toString());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
