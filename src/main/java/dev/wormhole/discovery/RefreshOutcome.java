package dev.wormhole.discovery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** How one provider's part of a refresh went. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RefreshOutcome(String provider, boolean ok, int models, String error,
        @JsonProperty("duration_ms") long durationMs) {
}
