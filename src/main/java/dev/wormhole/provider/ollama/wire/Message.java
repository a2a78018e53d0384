package dev.wormhole.provider.ollama.wire;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A message of either direction: {@code images} are bare base64, a tool call's {@code arguments} a JSON
 * object, and a tool result names its function in {@code tool_name}.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Message(String role, String content, List<String> images,
        @JsonProperty("tool_calls") List<ToolCall> toolCalls, @JsonProperty("tool_name") String toolName,
        String thinking) {

    /** A call the model makes. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ToolCall(Function function) {
    }

    /** The called function and its arguments. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Function(String name, Map<String, Object> arguments) {
    }
}
