package dev.wormhole.provider.ollama;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.config.Dialect;
import dev.wormhole.provider.Provider;
import dev.wormhole.provider.ProviderFactory;
import dev.wormhole.provider.ProviderSettings;
import io.vertx.core.Vertx;

/** Builds {@link OllamaProvider}s. */
@Singleton
class OllamaProviderFactory implements ProviderFactory {

    private final Vertx vertx;
    private final ObjectMapper json;

    OllamaProviderFactory(Vertx vertx, ObjectMapper json) {
        this.vertx = vertx;
        this.json = json;
    }

    @Override
    public Dialect dialect() {
        return Dialect.OLLAMA;
    }

    @Override
    public Provider create(ProviderSettings settings) {
        return new OllamaProvider(vertx, settings, json);
    }
}
