package dev.wormhole.provider.openai.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One streamed chunk. Reflection: read by the dialect's ObjectMapper. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatCompletionChunk(String id, String model, Long created, List<Choice> choices, WireUsage usage,
        WireError error) {

    /** One choice's increment. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Choice(int index, WireMessage delta, @JsonProperty("finish_reason") String finishReason) {
    }
}
