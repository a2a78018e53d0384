package dev.wormhole.provider.openai;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.config.Dialect;
import dev.wormhole.provider.Provider;
import dev.wormhole.provider.ProviderFactory;
import dev.wormhole.provider.ProviderSettings;
import io.vertx.core.Vertx;

/** Builds {@link OpenAiProvider}s. */
@Singleton
class OpenAiProviderFactory implements ProviderFactory {

    private final Vertx vertx;
    private final ObjectMapper json;

    OpenAiProviderFactory(Vertx vertx, ObjectMapper json) {
        this.vertx = vertx;
        this.json = json;
    }

    @Override
    public Dialect dialect() {
        return Dialect.OPENAI;
    }

    @Override
    public Provider create(ProviderSettings settings) {
        return new OpenAiProvider(vertx, settings, json);
    }
}
