package dev.wormhole.provider.simulator;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.config.Dialect;
import dev.wormhole.provider.Provider;
import dev.wormhole.provider.ProviderFactory;
import dev.wormhole.provider.ProviderSettings;
import io.vertx.core.Vertx;

/** Builds {@link SimulatorProvider}s. */
@Singleton
class SimulatorProviderFactory implements ProviderFactory {

    private final Vertx vertx;
    private final ObjectMapper json;

    SimulatorProviderFactory(Vertx vertx, ObjectMapper json) {
        this.vertx = vertx;
        this.json = json;
    }

    @Override
    public Dialect dialect() {
        return Dialect.SIMULATOR;
    }

    @Override
    public Provider create(ProviderSettings settings) {
        return new SimulatorProvider(settings, vertx, json);
    }
}
