package dev.wormhole.provider.gemini;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.config.Dialect;
import dev.wormhole.provider.Provider;
import dev.wormhole.provider.ProviderFactory;
import dev.wormhole.provider.ProviderSettings;
import io.vertx.core.Vertx;

/** Builds {@link GeminiProvider}s. */
@Singleton
class GeminiProviderFactory implements ProviderFactory {

    private final Vertx vertx;
    private final ObjectMapper json;

    GeminiProviderFactory(Vertx vertx, ObjectMapper json) {
        this.vertx = vertx;
        this.json = json;
    }

    @Override
    public Dialect dialect() {
        return Dialect.GEMINI;
    }

    @Override
    public Provider create(ProviderSettings settings) {
        return new GeminiProvider(vertx, settings, json);
    }
}
