package dev.wormhole.state;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.interceptor.Interceptor;

import dev.wormhole.config.StateConfig;
import dev.wormhole.config.WormholeConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;

/**
 * Makes the one {@link StateStore} of the application from {@code wormhole.state.*}: the embedded store by default,
 * Redis when configured. Only the chosen backend is created, so without Redis configured no Redis client exists.
 */
@ApplicationScoped
public class StateStoreProducer {

    @Produces
    @ApplicationScoped
    StateStore stateStore(WormholeConfig config, Vertx vertx) {
        StateConfig state = config.state();
        return switch (state.backend()) {
            case EMBEDDED -> EmbeddedStateStore.open(state.file(), state.flushInterval());
            case REDIS -> RedisStateStore.create(vertx, state.redisUrl().orElseThrow(() -> new IllegalStateException(
                    "wormhole.state.backend=redis needs wormhole.state.redis-url")), state.keyPrefix(),
                    state.redisPoolSize(), state.redisTimeout());
        };
    }

    void close(@Disposes StateStore store) {
        store.close();
    }

    /** Opens the store at start-up, after the configuration was validated, so that a bad state file stops the start. */
    void open(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) StartupEvent event, StateStore store) {
        Log.infof("State store: %s", store.describe());
    }
}
