package dev.wormhole.api.dto;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code POST /v1/batch}: items in the line shape of OpenAI's batch JSONL ({@code custom_id}, {@code method},
 * {@code url}, {@code body}), run together with a bounded number in flight.
 *
 * @param mode        {@code all} (default), {@code collect} or {@code first}
 * @param concurrency items in flight at once; the server default when absent
 */
// Reflection: also written out by an ObjectMapper call, for the fingerprint of an Idempotency-Key (api.Idempotency).
@RegisterForReflection
public record BatchRequest(
        String mode,
        Integer concurrency,
        @NotEmpty(message = "requests must hold at least one request") List<@Valid @NotNull Item> requests) {

    /** One request of the batch. */
    @RegisterForReflection
    public record Item(
            @JsonProperty("custom_id") String customId,
            String method,
            @NotNull(message = "url is required") String url,
            @NotNull(message = "body is required") JsonNode body) {
    }
}
