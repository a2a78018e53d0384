package dev.wormhole.api.dto;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The body of {@code POST /admin/keys} and {@code PATCH /admin/keys/{id}}: the fields of a virtual key its owner
 * sets. In a PATCH, a field left out is kept and a field set to null is cleared.
 *
 * @param models    globs of the models and aliases the key may use; every model when absent
 * @param expiresAt ISO-8601 instant after which the key no longer works
 */
@RegisterForReflection
public record KeyRequest(
        String name,
        String team,
        List<String> models,
        Limits limits,
        Budget budget,
        @JsonProperty("expires_at") String expiresAt,
        Map<String, String> metadata) {

    /** The JSON fields of the body, for refusing any other. */
    public static final List<String> FIELDS = List.of("name", "team", "models", "limits", "budget", "expires_at",
            "metadata");

    /** Rate and concurrency limits; each optional. */
    @RegisterForReflection
    public record Limits(Long rpm, Long tpm, @JsonProperty("max_concurrent") Integer maxConcurrent) {

        /** The JSON fields of {@code limits}. */
        public static final List<String> FIELDS = List.of("rpm", "tpm", "max_concurrent");
    }

    /** Spend allowed per period: {@code day}, {@code month} or {@code total}. */
    @RegisterForReflection
    public record Budget(BigDecimal usd, String period) {

        /** The JSON fields of {@code budget}. */
        public static final List<String> FIELDS = List.of("usd", "period");
    }
}
