package dev.wormhole.api;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Serializes edge DTOs to bytes for the endpoints that write their bodies themselves. */
@ApplicationScoped
public class JsonWriter {

    private final ObjectMapper json;

    JsonWriter(ObjectMapper json) {
        this.json = json;
    }

    public byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }
}
