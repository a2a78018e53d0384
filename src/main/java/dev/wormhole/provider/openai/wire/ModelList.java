package dev.wormhole.provider.openai.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code GET /models} reply. Reflection: read by the dialect's ObjectMapper. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelList(List<Model> data) {

    /** One model; {@code name}, {@code context_length}, {@code pricing} and {@code top_provider} are OpenRouter's. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Model(String id, Long created, @JsonProperty("owned_by") String ownedBy, String name,
            @JsonProperty("context_length") Integer contextLength, Pricing pricing,
            @JsonProperty("top_provider") TopProvider topProvider) {
    }

    /** USD per token, as decimal strings. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Pricing(String prompt, String completion) {
    }

    /** The serving provider's limits. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TopProvider(@JsonProperty("max_completion_tokens") Integer maxCompletionTokens) {
    }
}
