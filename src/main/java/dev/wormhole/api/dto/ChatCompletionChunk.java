package dev.wormhole.api.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * OpenAI's {@code chat.completion.chunk}. {@code usage} is present only on the final usage chunk, which is
 * sent when the client asked for {@code stream_options.include_usage}. Reflection: written by the SSE
 * encoder's ObjectMapper call.
 */
@RegisterForReflection
public record ChatCompletionChunk(String id, String object, long created, String model, List<Choice> choices,
        @JsonInclude(JsonInclude.Include.NON_NULL) UsageDto usage) {

    /** One choice's increment. */
    @RegisterForReflection
    public record Choice(int index, Delta delta, @JsonProperty("finish_reason") String finishReason) {
    }

    /** The new fragments. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delta(String role, String content,
            @JsonProperty("tool_calls") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ToolCallDelta> toolCalls,
            @JsonProperty("reasoning_content") String reasoningContent,
            @JsonProperty("thinking_blocks") @JsonInclude(JsonInclude.Include.NON_EMPTY)
            List<ThinkingBlock> thinkingBlocks) {
    }

    /** A fragment of a tool call. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ToolCallDelta(int index, String id, String type, FunctionDelta function) {
    }

    /** A fragment of a function call. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FunctionDelta(String name, String arguments) {
    }
}
