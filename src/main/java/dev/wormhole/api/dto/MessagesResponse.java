package dev.wormhole.api.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Anthropic's {@code message} object, the answer of {@code POST /v1/messages}; also the {@code message} of a
 * stream's {@code message_start} event. {@code stop_reason} and {@code stop_sequence} are written as null when
 * absent, as Anthropic does. Reflection: written by the resource's own ObjectMapper call.
 */
@RegisterForReflection
public record MessagesResponse(String id, String type, String role, String model, List<ContentBlock> content,
        @JsonProperty("stop_reason") String stopReason, @JsonProperty("stop_sequence") String stopSequence,
        MessagesUsage usage) {

    /**
     * One content block: {@code text} (text), {@code thinking} (thinking, signature), {@code redacted_thinking}
     * (data) or {@code tool_use} (id, name, input); the fields of other kinds are left out.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContentBlock(String type, String text, String id, String name, Object input, String thinking,
            String signature, String data) {

        public static ContentBlock text(String text) {
            return new ContentBlock("text", text, null, null, null, null, null, null);
        }

        public static ContentBlock thinking(String thinking, String signature) {
            return new ContentBlock("thinking", null, null, null, null, thinking, signature, null);
        }

        public static ContentBlock redactedThinking(String data) {
            return new ContentBlock("redacted_thinking", null, null, null, null, null, null, data);
        }

        public static ContentBlock toolUse(String id, String name, Object input) {
            return new ContentBlock("tool_use", null, id, name, input, null, null, null);
        }
    }

    /**
     * Token counts the Anthropic way: {@code input_tokens} excludes the cached part, which is
     * {@code cache_read_input_tokens}. In a stream's {@code message_delta}, {@code input_tokens} and the cache
     * counts are left out when unknown.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MessagesUsage(@JsonProperty("input_tokens") Long inputTokens,
            @JsonProperty("output_tokens") long outputTokens,
            @JsonProperty("cache_creation_input_tokens") Long cacheCreationInputTokens,
            @JsonProperty("cache_read_input_tokens") Long cacheReadInputTokens) {
    }
}
