package dev.wormhole.api.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Anthropic's model list, {@code GET /v1/models} as Anthropic clients read it: a page of models with
 * {@code has_more}, {@code first_id} and {@code last_id}. Registered for reflection because the models resource
 * returns it or OpenAI's list from one method, so no REST signature names it.
 */
@RegisterForReflection
public record AnthropicModelList(List<Model> data, @JsonProperty("has_more") boolean hasMore,
        @JsonProperty("first_id") String firstId, @JsonProperty("last_id") String lastId) {

    /** One model: {@code {"type":"model","id","display_name","created_at"}}. */
    @RegisterForReflection
    public record Model(String type, String id, @JsonProperty("display_name") String displayName,
            @JsonProperty("created_at") String createdAt) {
    }
}
