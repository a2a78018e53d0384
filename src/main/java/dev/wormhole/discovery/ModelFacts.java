package dev.wormhole.discovery;

import java.util.Set;

import dev.wormhole.core.ModelCapability;

/**
 * What a data source says of one model of one vendor; every fact is null when that source does not know it (an
 * unknown capability set is null, not empty). Prices are in USD per million tokens.
 *
 * @param id          the model's name at its vendor
 * @param cachedInput USD per million prompt tokens read from the prompt cache
 */
public record ModelFacts(String id, String displayName, Set<ModelCapability> capabilities, Integer contextWindow,
        Integer maxOutputTokens, Double input, Double output, Double cachedInput, Boolean deprecated) {

    public ModelFacts {
        capabilities = capabilities == null ? null : Set.copyOf(capabilities);
    }

    /** These facts, each unknown one taken from {@code lower} (a source of lower precedence, may be null). */
    public ModelFacts over(ModelFacts lower) {
        if (lower == null) {
            return this;
        }
        return new ModelFacts(id, first(displayName, lower.displayName), first(capabilities, lower.capabilities),
                first(contextWindow, lower.contextWindow), first(maxOutputTokens, lower.maxOutputTokens),
                first(input, lower.input), first(output, lower.output), first(cachedInput, lower.cachedInput),
                first(deprecated, lower.deprecated));
    }

    private static <T> T first(T higher, T lower) {
        return higher != null ? higher : lower;
    }
}
