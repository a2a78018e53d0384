package dev.wormhole.api.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * OpenAI's {@code chat.completion} object. Reflection: written by the resource's own ObjectMapper call
 * (the endpoint streams bytes), not by a REST signature.
 */
@RegisterForReflection
public record ChatCompletionResponse(String id, String object, long created, String model, List<Choice> choices,
        UsageDto usage, @JsonProperty("system_fingerprint") @JsonInclude(JsonInclude.Include.NON_NULL) String systemFingerprint,
        @JsonInclude(JsonInclude.Include.NON_NULL) Extension wormhole) {

    /** The gateway's additions: the server tool calls the agent loop made. */
    @RegisterForReflection
    public record Extension(List<dev.wormhole.tool.AgentStep> steps) {
    }

    /** One choice. */
    @RegisterForReflection
    public record Choice(int index, AssistantMessage message, @JsonProperty("finish_reason") String finishReason,
            Object logprobs) {
    }

    /** The assistant's message; {@code content} is null when the model called tools. */
    @RegisterForReflection
    public record AssistantMessage(String role, String content, Object refusal,
            @JsonProperty("tool_calls") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ToolCallDto> toolCalls,
            @JsonProperty("reasoning_content") @JsonInclude(JsonInclude.Include.NON_NULL) String reasoningContent,
            @JsonProperty("thinking_blocks") @JsonInclude(JsonInclude.Include.NON_EMPTY)
            List<ThinkingBlock> thinkingBlocks) {
    }

    /** A complete tool call. */
    @RegisterForReflection
    public record ToolCallDto(String id, String type, FunctionDto function) {
    }

    /** Function name and JSON arguments. */
    @RegisterForReflection
    public record FunctionDto(String name, String arguments) {
    }
}
