package dev.wormhole.api.dto;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** OpenAI's {@code POST /v1/embeddings} body; {@code input} is a string or an array of strings. */
@RegisterForReflection
public record EmbeddingsRequest(
        @NotBlank(message = "model is required") @ModelId String model,
        @NotNull(message = "input is required") JsonNode input,
        @Min(1) Integer dimensions,
        @JsonProperty("encoding_format") String encodingFormat,
        String user) {
}
