package dev.wormhole.api.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The answer to {@code POST /v1/batch}. Mode {@code all}: {@code results} in input order. Mode
 * {@code collect}: {@code succeeded} and {@code failed}, each in input order. Mode {@code first}:
 * {@code result} (the winner) and the {@code failed} items that ended before it. As the final line of a
 * streamed batch, only {@code object="batch.summary"}, {@code usage} and {@code stats} are set.
 * Reflection: written by the batch resource's own ObjectMapper calls.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchResponse(String object, String mode, List<BatchItemResult> results,
        List<BatchItemResult> succeeded, List<BatchItemResult> failed, BatchItemResult result, UsageDto usage,
        Stats stats) {

    /** Figures of the run. */
    @RegisterForReflection
    public record Stats(int succeeded, int failed, int cancelled, @JsonProperty("elapsed_ms") long elapsedMs,
            @JsonProperty("max_in_flight") int maxInFlight, int concurrency) {
    }

    /** The 502 of a {@code first} batch in which every item failed: the error and each item's own. */
    @RegisterForReflection
    public record AllFailed(ErrorEnvelope.Body error, List<BatchItemResult> failed, Stats stats) {
    }
}
