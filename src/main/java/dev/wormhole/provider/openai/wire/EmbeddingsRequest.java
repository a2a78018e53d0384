package dev.wormhole.provider.openai.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code POST /embeddings} body. Reflection: serialized by the dialect's ObjectMapper. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmbeddingsRequest(String model, List<String> input, Integer dimensions,
        @JsonProperty("encoding_format") String encodingFormat, String user) {
}
