package dev.wormhole.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** OpenAI's {@code usage} object. Reflection: written by the resources' own ObjectMapper calls. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UsageDto(
        @JsonProperty("prompt_tokens") long promptTokens,
        @JsonProperty("completion_tokens") Long completionTokens,
        @JsonProperty("total_tokens") long totalTokens,
        @JsonProperty("prompt_tokens_details") PromptDetails promptTokensDetails,
        @JsonProperty("completion_tokens_details") CompletionDetails completionTokensDetails) {

    /** Prompt token breakdown. */
    @RegisterForReflection
    public record PromptDetails(@JsonProperty("cached_tokens") long cachedTokens) {
    }

    /** Completion token breakdown. */
    @RegisterForReflection
    public record CompletionDetails(@JsonProperty("reasoning_tokens") long reasoningTokens) {
    }
}
