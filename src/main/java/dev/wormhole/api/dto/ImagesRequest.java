package dev.wormhole.api.dto;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * OpenAI's {@code POST /v1/images/generations} body. The enumerated fields are checked by the operation, which
 * names the field it refuses. Reflection: also read from a JSON tree ({@code BodyReader}) by callers that keep it.
 */
@RegisterForReflection
public record ImagesRequest(
        @NotBlank(message = "model is required") @ModelId String model,
        @NotBlank(message = "prompt is required and must not be empty")
        @Size(max = 32000, message = "prompt must be at most 32000 characters") String prompt,
        @Min(value = 1, message = "n must be between 1 and 10") @Max(value = 10, message = "n must be between 1 and 10")
        Integer n,
        String size,
        String quality,
        String style,
        @JsonProperty("response_format") String responseFormat,
        String background,
        @JsonProperty("output_format") String outputFormat,
        String user) {
}
