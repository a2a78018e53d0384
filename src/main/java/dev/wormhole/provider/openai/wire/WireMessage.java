package dev.wormhole.provider.openai.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A chat message; {@code content} is a String or a list of {@link ContentPart}. Reflection: serialized by
 * the dialect's ObjectMapper, not by REST.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record WireMessage(String role, Object content, String name, String refusal,
        @JsonProperty("tool_calls") List<WireToolCall> toolCalls,
        @JsonProperty("tool_call_id") String toolCallId) {

    /** A content part: {@code text} or {@code image_url}. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ContentPart(String type, String text, @JsonProperty("image_url") ImageUrl imageUrl) {
    }

    /** An image reference. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ImageUrl(String url, String detail) {
    }

    /** A tool call (complete in messages; a fragment with {@code index} in stream deltas). */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record WireToolCall(Integer index, String id, String type, Function function) {
    }

    /** The function part of a tool call. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Function(String name, String arguments) {
    }
}
