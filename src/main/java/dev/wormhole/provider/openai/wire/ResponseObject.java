package dev.wormhole.provider.openai.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A response of the Responses API (also the {@code response} of its stream's lifecycle events). */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResponseObject(String id, @JsonProperty("created_at") Long createdAt, String model, String status,
        @JsonProperty("incomplete_details") IncompleteDetails incompleteDetails, List<OutputItem> output,
        Usage usage, WireError error) {

    /** Why the response stopped early: {@code max_output_tokens} or {@code content_filter}. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record IncompleteDetails(String reason) {
    }

    /** {@code message} (with {@code content}), {@code function_call} or {@code reasoning}. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OutputItem(String type, String id, @JsonProperty("call_id") String callId, String name,
            String arguments, List<OutputContent> content) {
    }

    /** {@code output_text} ({@code text}) or {@code refusal} ({@code refusal}). */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OutputContent(String type, String text, String refusal) {
    }

    /** Token counts with their cached and reasoning parts. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Usage(@JsonProperty("input_tokens") long inputTokens,
            @JsonProperty("output_tokens") long outputTokens,
            @JsonProperty("input_tokens_details") InputDetails inputTokensDetails,
            @JsonProperty("output_tokens_details") OutputDetails outputTokensDetails) {
    }

    /** Cached input. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record InputDetails(@JsonProperty("cached_tokens") Long cachedTokens) {
    }

    /** Reasoning output. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OutputDetails(@JsonProperty("reasoning_tokens") Long reasoningTokens) {
    }
}
