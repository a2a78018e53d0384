package dev.wormhole.api;

import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Hands Quarkus REST the {@link StrictJson} mapper, so every request body it reads is parsed strictly. Bodies
 * it writes are unaffected: the strict copy serializes exactly as the application's mapper does.
 */
@Provider
public class StrictJsonResolver implements ContextResolver<ObjectMapper> {

    private final StrictJson strict;

    StrictJsonResolver(StrictJson strict) {
        this.strict = strict;
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return strict.mapper();
    }
}
