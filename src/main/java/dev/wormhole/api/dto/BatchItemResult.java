package dev.wormhole.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The result of one batch item: the HTTP status it would have had alone, and its response body or its error
 * in OpenAI's shape. Reflection: written by the batch resource's own ObjectMapper calls.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchItemResult(int index, @JsonProperty("custom_id") String customId, int status, Object response,
        ErrorEnvelope.Body error) {
}
