package dev.wormhole.api.dto;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * OpenAI's {@code response} object, as {@code POST /v1/responses} answers it and as the stream's lifecycle
 * events carry it. Request parameters are echoed as OpenAI does; {@code store} says whether the gateway keeps it
 * ({@code GET /v1/responses/{id}}). Reflection: written by the resource's own
 * ObjectMapper call (the endpoint streams bytes), not by a REST signature.
 */
@RegisterForReflection
public record ResponseObject(String id, String object, @JsonProperty("created_at") long createdAt, String status,
        @JsonProperty("incomplete_details") IncompleteDetails incompleteDetails, Error error, String model,
        List<ResponseOutputItem> output, Usage usage, String instructions,
        @JsonProperty("max_output_tokens") Integer maxOutputTokens,
        @JsonProperty("parallel_tool_calls") boolean parallelToolCalls, Double temperature,
        @JsonProperty("top_p") Double topP, @JsonProperty("tool_choice") JsonNode toolChoice,
        List<FunctionTool> tools, Text text, Reasoning reasoning, Map<String, String> metadata,
        @JsonProperty("previous_response_id") String previousResponseId, boolean store,
        @JsonInclude(JsonInclude.Include.NON_NULL) String user) {

    public ResponseObject {
        output = List.copyOf(output);
    }

    /** This response in another state, with its output and usage (the echoed parameters stay). */
    public ResponseObject finish(String newStatus, IncompleteDetails incomplete, Error failure, String newModel,
            List<ResponseOutputItem> newOutput, Usage newUsage) {
        return new ResponseObject(id, object, createdAt, newStatus, incomplete, failure, newModel, newOutput,
                newUsage, instructions, maxOutputTokens, parallelToolCalls, temperature, topP, toolChoice, tools,
                text, reasoning, metadata, previousResponseId, store, user);
    }

    /** Why the response stopped early: {@code max_output_tokens} or {@code content_filter}. */
    @RegisterForReflection
    public record IncompleteDetails(String reason) {
    }

    /** Why the response failed. */
    @RegisterForReflection
    public record Error(String code, String message) {
    }

    /** Token counts with their cached and reasoning parts. */
    @RegisterForReflection
    public record Usage(@JsonProperty("input_tokens") long inputTokens,
            @JsonProperty("input_tokens_details") InputDetails inputTokensDetails,
            @JsonProperty("output_tokens") long outputTokens,
            @JsonProperty("output_tokens_details") OutputDetails outputTokensDetails,
            @JsonProperty("total_tokens") long totalTokens) {
    }

    /** The cached part of the input. */
    @RegisterForReflection
    public record InputDetails(@JsonProperty("cached_tokens") long cachedTokens) {
    }

    /** The reasoning part of the output. */
    @RegisterForReflection
    public record OutputDetails(@JsonProperty("reasoning_tokens") long reasoningTokens) {
    }

    /** An offered function tool, echoed. */
    @RegisterForReflection
    public record FunctionTool(String type, String name, String description, Map<String, Object> parameters,
            Boolean strict) {
    }

    /** The echoed {@code text} configuration. */
    @RegisterForReflection
    public record Text(Format format, @JsonInclude(JsonInclude.Include.NON_NULL) String verbosity) {
    }

    /** The echoed output format. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Format(String type, String name, String description, Map<String, Object> schema,
            Boolean strict) {
    }

    /** The echoed {@code reasoning} configuration. */
    @RegisterForReflection
    public record Reasoning(String effort, String summary) {
    }
}
