package dev.wormhole.api.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The ranked documents, most relevant first; {@code document} only when the request asked for it.
 * Reflection: written by the resource's ObjectMapper call.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RerankResponse(String id, String model, List<Result> results, UsageDto usage) {

    /** One document's relevance; {@code index} is its position in the request's {@code documents}. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(int index, @JsonProperty("relevance_score") double relevanceScore, Document document) {
    }

    /** The ranked document's text. */
    @RegisterForReflection
    public record Document(String text) {
    }
}
