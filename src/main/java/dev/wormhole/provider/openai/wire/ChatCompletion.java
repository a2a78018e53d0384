package dev.wormhole.provider.openai.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A complete chat completion; {@code error} is set when an upstream answers 200 with an error envelope.
 * Reflection: read by the dialect's ObjectMapper.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatCompletion(String id, String model, Long created, List<Choice> choices, WireUsage usage,
        @JsonProperty("system_fingerprint") String systemFingerprint, WireError error) {

    /** One choice. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Choice(int index, WireMessage message, @JsonProperty("finish_reason") String finishReason) {
    }
}
