package dev.wormhole.provider.gemini.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code GET models} reply, one page. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelList(List<Model> models, String nextPageToken) {

    /** One model; {@code name} is {@code models/<id>}. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Model(String name, String displayName, Integer inputTokenLimit, Integer outputTokenLimit,
            List<String> supportedGenerationMethods) {
    }
}
