package dev.wormhole.provider.anthropic.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Token counts. {@code input_tokens} excludes the cached parts: the prompt is the sum of the three input
 * counts. In a stream, {@code message_delta} carries cumulative counts.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record WireUsage(@JsonProperty("input_tokens") Long inputTokens, @JsonProperty("output_tokens") Long outputTokens,
        @JsonProperty("cache_creation_input_tokens") Long cacheCreationInputTokens,
        @JsonProperty("cache_read_input_tokens") Long cacheReadInputTokens) {
}
