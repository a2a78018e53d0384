package dev.wormhole.api.dto;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Anthropic's count_tokens answer {@code {"input_tokens": n}}. Reflection: written by the resource's own
 * ObjectMapper call, not by a REST signature.
 */
@RegisterForReflection
public record TokenCount(@JsonProperty("input_tokens") long inputTokens) {
}
