package dev.wormhole.provider.openai.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code GET /models} reply. Reflection: read by the dialect's ObjectMapper. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelList(List<Model> data) {

    /** One model. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Model(String id, Long created, @JsonProperty("owned_by") String ownedBy) {
    }
}
