package dev.wormhole.api.dto;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Anthropic's error envelope {@code {"type":"error","error":{"type","message"}}}, answered on the
 * {@code /v1/messages} routes. Reflection: also written into SSE error events.
 */
@RegisterForReflection
public record AnthropicErrorEnvelope(String type, Body error) {

    /** The error itself: one of Anthropic's error types and a caller-safe message. */
    @RegisterForReflection
    public record Body(String type, String message) {
    }

    public static AnthropicErrorEnvelope of(String type, String message) {
        return new AnthropicErrorEnvelope("error", new Body(type, message));
    }
}
