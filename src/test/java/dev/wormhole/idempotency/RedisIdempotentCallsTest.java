package dev.wormhole.idempotency;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.wormhole.state.RedisStateStore;
import dev.wormhole.state.StateStore;
import dev.wormhole.testing.RedisServer;

/** {@link IdempotentCalls} on a real redis-server. */
class RedisIdempotentCallsTest extends IdempotentCallsContract {

    private static RedisServer server;
    private static io.vertx.mutiny.core.Vertx vertx;

    @BeforeAll
    static void startRedis() {
        server = RedisServer.start();
        vertx = io.vertx.mutiny.core.Vertx.vertx();
    }

    @AfterAll
    static void stopRedis() {
        if (vertx != null) {
            vertx.closeAndAwait();
        }
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected StateStore open() {
        return RedisStateStore.create(vertx, server.url(), "wormhole-idempotency-test:", 4, Duration.ofSeconds(5));
    }
}
