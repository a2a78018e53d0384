package dev.wormhole.provider.anthropic.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A content block of either direction, by {@code type}: {@code text}; {@code image} ({@code source});
 * {@code tool_use} ({@code id}, {@code name}, {@code input} as a JSON object); {@code tool_result}
 * ({@code tool_use_id}, {@code content}, {@code is_error}); {@code thinking} ({@code thinking},
 * {@code signature}); {@code redacted_thinking} ({@code data}).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Block(String type, String text, Source source, String id, String name, Object input,
        @JsonProperty("tool_use_id") String toolUseId, Object content, @JsonProperty("is_error") Boolean isError,
        String thinking, String signature, String data) {

    public static Block text(String text) {
        return new Block("text", text, null, null, null, null, null, null, null, null, null, null);
    }

    public static Block image(Source source) {
        return new Block("image", null, source, null, null, null, null, null, null, null, null, null);
    }

    public static Block toolUse(String id, String name, Object input) {
        return new Block("tool_use", null, null, id, name, input, null, null, null, null, null, null);
    }

    public static Block toolResult(String toolUseId, String content, boolean isError) {
        return new Block("tool_result", null, null, null, null, null, toolUseId, content, isError ? Boolean.TRUE : null,
                null, null, null);
    }

    public static Block thinking(String thinking, String signature) {
        return new Block("thinking", null, null, null, null, null, null, null, null, thinking, signature, null);
    }

    public static Block redactedThinking(String data) {
        return new Block("redacted_thinking", null, null, null, null, null, null, null, null, null, null, data);
    }

    /** An image: {@code base64} with {@code media_type} and {@code data}, or {@code url}. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Source(String type, @JsonProperty("media_type") String mediaType, String data, String url) {
    }
}
