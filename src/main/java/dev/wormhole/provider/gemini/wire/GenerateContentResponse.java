package dev.wormhole.provider.gemini.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A whole answer, or one streamed chunk of it (same shape); {@code error} is set on an in-band failure. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record GenerateContentResponse(List<Candidate> candidates, UsageMetadata usageMetadata, String modelVersion,
        String responseId, PromptFeedback promptFeedback, WireError error) {

    /** One candidate answer. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Candidate(Content content, String finishReason, Integer index) {
    }

    /** Token counts; {@code thoughtsTokenCount} is outside {@code candidatesTokenCount}. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UsageMetadata(Long promptTokenCount, Long candidatesTokenCount, Long cachedContentTokenCount,
            Long thoughtsTokenCount, Long toolUsePromptTokenCount) {
    }

    /** Set when the prompt itself was blocked. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PromptFeedback(String blockReason) {
    }
}
