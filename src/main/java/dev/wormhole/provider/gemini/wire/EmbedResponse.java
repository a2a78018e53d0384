package dev.wormhole.provider.gemini.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code batchEmbedContents} reply: one embedding per input, in order. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record EmbedResponse(List<Embedding> embeddings) {

    /** One vector. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Embedding(float[] values) {
    }
}
