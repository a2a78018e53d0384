package dev.wormhole.api.dto;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * OpenAI's {@code POST /v1/chat/completions} body as clients send it. Polymorphic fields ({@code content},
 * {@code stop}, {@code tool_choice}) stay JSON trees until the mapper reads them; fields the gateway does
 * not model are kept in {@code extra} and passed through to OpenAI-dialect upstreams.
 */
@RegisterForReflection
public record ChatCompletionRequest(
        @NotBlank(message = "model is required") @ModelId String model,
        @NotEmpty(message = "messages must hold at least one message") List<@Valid @NotNull MessageParam> messages,
        Boolean stream,
        @JsonProperty("stream_options") StreamOptions streamOptions,
        @DecimalMin("0") @DecimalMax("2") Double temperature,
        @JsonProperty("top_p") @DecimalMin("0") @DecimalMax("1") Double topP,
        @JsonProperty("max_tokens") @Min(1) Integer maxTokens,
        @JsonProperty("max_completion_tokens") @Min(1) Integer maxCompletionTokens,
        @Min(1) @Max(128) Integer n,
        JsonNode stop,
        Long seed,
        @JsonProperty("presence_penalty") @DecimalMin("-2") @DecimalMax("2") Double presencePenalty,
        @JsonProperty("frequency_penalty") @DecimalMin("-2") @DecimalMax("2") Double frequencyPenalty,
        List<@Valid @NotNull ToolParam> tools,
        @JsonProperty("tool_choice") JsonNode toolChoice,
        @JsonProperty("parallel_tool_calls") Boolean parallelToolCalls,
        @JsonProperty("response_format") @Valid ResponseFormatParam responseFormat,
        @JsonProperty("reasoning_effort") String reasoningEffort,
        String user,
        @JsonAnySetter Map<String, Object> extra) {

    public ChatCompletionRequest {
        extra = extra == null ? new LinkedHashMap<>() : extra;
    }

    /** One message; {@code content} is a string, an array of parts, or null (assistant with tool calls). */
    @RegisterForReflection
    public record MessageParam(
            @NotBlank(message = "role is required") String role,
            JsonNode content,
            String name,
            @JsonProperty("tool_calls") List<@Valid @NotNull ToolCallParam> toolCalls,
            @JsonProperty("tool_call_id") String toolCallId,
            @JsonProperty("thinking_blocks") List<@NotNull ThinkingBlock> thinkingBlocks) {
    }

    /** A tool call an assistant message made earlier in the conversation. */
    @RegisterForReflection
    public record ToolCallParam(@NotBlank String id, String type, @NotNull @Valid FunctionCall function) {
    }

    /** The function part of a tool call; {@code arguments} is JSON text. */
    @RegisterForReflection
    public record FunctionCall(@NotBlank String name, String arguments) {
    }

    /** A tool offered to the model. */
    @RegisterForReflection
    public record ToolParam(String type, @NotNull(message = "function is required") @Valid FunctionParam function) {
    }

    /** A function definition. */
    @RegisterForReflection
    public record FunctionParam(
            @NotBlank @Pattern(regexp = "[a-zA-Z0-9_-]{1,64}",
                    message = "must be 1 to 64 letters, digits, '_' or '-'") String name,
            String description,
            Map<String, Object> parameters,
            Boolean strict) {
    }

    /** {@code response_format}. */
    @RegisterForReflection
    public record ResponseFormatParam(@NotBlank String type, @JsonProperty("json_schema") @Valid JsonSchemaParam jsonSchema) {
    }

    /** A named JSON schema for structured output. */
    @RegisterForReflection
    public record JsonSchemaParam(@NotBlank String name, String description, Map<String, Object> schema,
            Boolean strict) {
    }

    /** {@code stream_options}. */
    @RegisterForReflection
    public record StreamOptions(@JsonProperty("include_usage") Boolean includeUsage) {
    }
}
