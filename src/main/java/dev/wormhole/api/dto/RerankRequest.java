package dev.wormhole.api.dto;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The {@code POST /v1/rerank} body as Cohere, Jina and vLLM take it: {@code documents} is an array of strings or
 * of objects with a {@code text} field.
 */
@RegisterForReflection
public record RerankRequest(
        @NotBlank(message = "model is required") @ModelId String model,
        @NotBlank(message = "query is required and must hold text") String query,
        @NotNull(message = "documents is required") JsonNode documents,
        @JsonProperty("top_n") @Min(value = 1, message = "top_n must be at least 1") Integer topN,
        @JsonProperty("return_documents") Boolean returnDocuments) {
}
