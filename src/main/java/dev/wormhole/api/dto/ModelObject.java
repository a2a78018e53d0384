package dev.wormhole.api.dto;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * OpenAI's {@code model} object, plus a {@code wormhole} object with what the gateway knows of the model.
 * Registered for reflection because the models resource returns it or Anthropic's shape from one method, so no
 * REST signature names it.
 */
@RegisterForReflection
public record ModelObject(String id, String object, long created, @JsonProperty("owned_by") String ownedBy,
        Metadata wormhole) {

    /**
     * Gateway metadata. Unknown facts are omitted; prices are USD per million tokens; {@code source} is
     * {@code live}, {@code cached} or {@code fallback}; {@code stale} means the provider's last list call failed.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record Metadata(String provider, String model, boolean simulated,
            @JsonProperty("display_name") String displayName, List<String> capabilities,
            @JsonProperty("context_window") Integer contextWindow,
            @JsonProperty("max_output_tokens") Integer maxOutputTokens,
            @JsonProperty("input_price_per_mtok") Double inputPrice,
            @JsonProperty("output_price_per_mtok") Double outputPrice, boolean deprecated, String source,
            @JsonProperty("fetched_at") Instant fetchedAt, boolean stale) {
    }
}
