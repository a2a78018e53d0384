package dev.wormhole.provider.anthropic.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code GET /v1/models} reply, one page. Reflection: read by the dialect's ObjectMapper. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelList(List<Model> data, @JsonProperty("has_more") Boolean hasMore,
        @JsonProperty("last_id") String lastId) {

    /** One model; {@code created_at} is an RFC 3339 time. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Model(String id, @JsonProperty("display_name") String displayName,
            @JsonProperty("created_at") String createdAt) {
    }
}
