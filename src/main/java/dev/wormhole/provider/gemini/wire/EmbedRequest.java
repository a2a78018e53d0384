package dev.wormhole.provider.gemini.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code models/{model}:batchEmbedContents} body: one request per input. */
@RegisterForReflection
public record EmbedRequest(List<One> requests) {

    /** One input; {@code model} is {@code models/<name>}. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record One(String model, Content content, Integer outputDimensionality) {
    }
}
