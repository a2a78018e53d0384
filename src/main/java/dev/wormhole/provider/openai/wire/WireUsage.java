package dev.wormhole.provider.openai.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Token usage. Reflection: read by the dialect's ObjectMapper. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record WireUsage(
        @JsonProperty("prompt_tokens") long promptTokens,
        @JsonProperty("completion_tokens") long completionTokens,
        @JsonProperty("prompt_tokens_details") PromptDetails promptTokensDetails,
        @JsonProperty("completion_tokens_details") CompletionDetails completionTokensDetails) {

    /** Prompt token breakdown. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PromptDetails(@JsonProperty("cached_tokens") Long cachedTokens) {
    }

    /** Completion token breakdown. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CompletionDetails(@JsonProperty("reasoning_tokens") Long reasoningTokens) {
    }
}
