package dev.wormhole.provider.ollama.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code GET /api/tags}: the models pulled on this server. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record Tags(List<Model> models) {

    /** One local model, e.g. {@code llama3.2:latest}. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Model(String name, @JsonProperty("modified_at") String modifiedAt, Details details) {
    }

    /** What the model file says of itself. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Details(String family, @JsonProperty("parameter_size") String parameterSize,
            @JsonProperty("quantization_level") String quantizationLevel) {
    }
}
