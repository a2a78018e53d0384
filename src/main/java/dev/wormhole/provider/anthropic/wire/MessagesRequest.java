package dev.wormhole.provider.anthropic.wire;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code POST /v1/messages} body. Reflection: serialized by the dialect's ObjectMapper. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessagesRequest(
        String model,
        @JsonProperty("max_tokens") int maxTokens,
        List<Message> messages,
        List<Block> system,
        Double temperature,
        @JsonProperty("top_p") Double topP,
        @JsonProperty("top_k") Integer topK,
        @JsonProperty("stop_sequences") List<String> stopSequences,
        Boolean stream,
        List<Tool> tools,
        @JsonProperty("tool_choice") ToolChoice toolChoice,
        Metadata metadata,
        Thinking thinking) {

    /** One turn: {@code user} or {@code assistant}. */
    @RegisterForReflection
    public record Message(String role, List<Block> content) {
    }

    /** A tool the model may call; {@code input_schema} is a JSON schema. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Tool(String name, String description, @JsonProperty("input_schema") Map<String, Object> inputSchema) {
    }

    /** {@code auto}, {@code any}, {@code tool} (with {@code name}) or {@code none}. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ToolChoice(String type, String name,
            @JsonProperty("disable_parallel_tool_use") Boolean disableParallelToolUse) {
    }

    /** The caller's end-user id, for the vendor's abuse detection. */
    @RegisterForReflection
    public record Metadata(@JsonProperty("user_id") String userId) {
    }

    /** Extended thinking: {@code enabled} with a token budget. */
    @RegisterForReflection
    public record Thinking(String type, @JsonProperty("budget_tokens") int budgetTokens) {
    }
}
