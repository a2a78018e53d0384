package dev.wormhole.provider.ollama.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code /api/embed} reply: one vector per input, in order. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record EmbedResponse(String model, List<float[]> embeddings,
        @JsonProperty("prompt_eval_count") Long promptEvalCount) {
}
