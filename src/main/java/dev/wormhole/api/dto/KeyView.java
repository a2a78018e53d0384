package dev.wormhole.api.dto;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A virtual key as the admin API shows it: never its secret, except in the answer to a create or a rotate (the only
 * time it is seen); {@code hint} ({@code wh-…} and its last 4 characters) identifies it instead.
 *
 * @param source {@code api} (created through the admin API) or {@code config} (declared, read-only)
 * @param status {@code active}, {@code revoked} or {@code expired}
 */
public record KeyView(
        String id,
        String object,
        String name,
        String team,
        List<String> models,
        KeyRequest.Limits limits,
        KeyRequest.Budget budget,
        @JsonProperty("expires_at") Instant expiresAt,
        Map<String, String> metadata,
        String hint,
        String source,
        String status,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt,
        @JsonProperty("revoked_at") Instant revokedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {
}
