package dev.wormhole.api.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * OpenAI's {@code POST /v1/audio/speech} body. {@code voice}, {@code response_format} and {@code speed} are
 * checked by the operation, which names the field it refuses. Reflection: also read from a JSON tree
 * ({@code BodyReader}) by callers that keep it.
 */
@RegisterForReflection
public record SpeechRequest(
        @NotBlank(message = "model is required") @ModelId String model,
        @NotBlank(message = "input is required and must not be empty")
        @Size(max = 4096, message = "input must be at most 4096 characters") String input,
        @NotBlank(message = "voice is required") String voice,
        @JsonProperty("response_format") String responseFormat,
        Double speed,
        String instructions) {
}
