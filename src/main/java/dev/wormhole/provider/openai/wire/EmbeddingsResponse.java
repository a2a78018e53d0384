package dev.wormhole.provider.openai.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code POST /embeddings} reply (float encoding). Reflection: read by the dialect's ObjectMapper. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record EmbeddingsResponse(String model, List<Item> data, WireUsage usage) {

    /** One vector. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(int index, float[] embedding) {
    }
}
