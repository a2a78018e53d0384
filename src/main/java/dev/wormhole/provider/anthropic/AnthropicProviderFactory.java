package dev.wormhole.provider.anthropic;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.config.Dialect;
import dev.wormhole.provider.Provider;
import dev.wormhole.provider.ProviderFactory;
import dev.wormhole.provider.ProviderSettings;
import io.vertx.core.Vertx;

/** Builds {@link AnthropicProvider}s. */
@Singleton
class AnthropicProviderFactory implements ProviderFactory {

    private final Vertx vertx;
    private final ObjectMapper json;

    AnthropicProviderFactory(Vertx vertx, ObjectMapper json) {
        this.vertx = vertx;
        this.json = json;
    }

    @Override
    public Dialect dialect() {
        return Dialect.ANTHROPIC;
    }

    @Override
    public Provider create(ProviderSettings settings) {
        return new AnthropicProvider(vertx, settings, json);
    }
}
