package dev.wormhole.testing;

import java.time.Duration;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.wormhole.state.RedisStateStore;
import dev.wormhole.state.StateStore;
import io.vertx.mutiny.core.Vertx;

/**
 * A real redis-server and a Vert.x for one test class, started before its tests and stopped after them, handing out
 * Redis state stores under one key prefix. Register it with {@code @RegisterExtension static final RedisStores}.
 */
public final class RedisStores implements BeforeAllCallback, AfterAllCallback {

    private final String prefix;
    private RedisServer server;
    private Vertx vertx;

    /** Stores whose keys start with {@code prefix}. */
    public RedisStores(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = RedisServer.start();
        vertx = Vertx.vertx();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (vertx != null) {
            vertx.closeAndAwait();
        }
        if (server != null) {
            server.close();
        }
    }

    /** A new store on the server: another replica, as far as the store can tell. */
    public StateStore open() {
        return RedisStateStore.create(vertx, server.url(), prefix, 4, Duration.ofSeconds(5));
    }

    public RedisServer server() {
        return server;
    }

    public Vertx vertx() {
        return vertx;
    }
}
