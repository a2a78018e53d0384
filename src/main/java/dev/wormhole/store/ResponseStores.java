package dev.wormhole.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import dev.wormhole.config.StateConfig;
import dev.wormhole.config.WormholeConfig;
import dev.wormhole.state.StateStore;

/**
 * Chooses where stored responses live: in the shared state store when the gateway runs on Redis (every replica
 * sees them, a restart keeps them), else in this process's bounded memory — the embedded state store rewrites its
 * whole file on each change, which whole conversations would make heavy.
 */
@ApplicationScoped
class ResponseStores {

    @Produces
    @ApplicationScoped
    ResponseStore responseStore(WormholeConfig config, StateStore state) {
        if (config.state().backend() == StateConfig.Backend.REDIS) {
            return new SharedResponseStore(state, config.responses().storeTtl());
        }
        return new InMemoryResponseStore(config);
    }
}
