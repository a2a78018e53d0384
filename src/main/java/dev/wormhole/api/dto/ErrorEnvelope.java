package dev.wormhole.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * OpenAI's error envelope {@code {"error":{"message","type","param","code"}}}; {@code param} and {@code code}
 * are written as null when absent, as OpenAI does. Reflection: also written into SSE error events.
 */
@RegisterForReflection
public record ErrorEnvelope(Body error) {

    /** The error itself. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Body(String message, String type, String param, String code) {
    }

    public static ErrorEnvelope of(String message, String type, String param, String code) {
        return new ErrorEnvelope(new Body(message, type, param, code));
    }
}
