package dev.wormhole.discovery;

import java.util.EnumSet;
import java.util.Set;

import dev.wormhole.core.ModelCapability;

/**
 * What a data source says of one model of one vendor; every fact is null when that source does not know it (an
 * unknown capability set is null, not empty). Prices are in USD per million tokens.
 *
 * @param id           the model's name at its vendor
 * @param capabilities what the source says the model can do, or null
 * @param lacks        what the source says, explicitly, the model cannot do (a {@code supports_*} flag set to
 *                     false); a capability neither said nor denied is left to sources of lower precedence
 * @param cachedInput  USD per million prompt tokens read from the prompt cache
 */
public record ModelFacts(String id, String displayName, Set<ModelCapability> capabilities, Set<ModelCapability> lacks,
        Integer contextWindow, Integer maxOutputTokens, Double input, Double output, Double cachedInput,
        Boolean deprecated) {

    public ModelFacts {
        capabilities = capabilities == null ? null : Set.copyOf(capabilities);
        lacks = lacks == null ? Set.of() : Set.copyOf(lacks);
    }

    /** Facts with no capability explicitly denied. */
    public ModelFacts(String id, String displayName, Set<ModelCapability> capabilities, Integer contextWindow,
            Integer maxOutputTokens, Double input, Double output, Double cachedInput, Boolean deprecated) {
        this(id, displayName, capabilities, null, contextWindow, maxOutputTokens, input, output, cachedInput,
                deprecated);
    }

    /**
     * These facts, each unknown one taken from {@code lower} (a source of lower precedence, may be null). Capabilities
     * add up: this source's, and those of {@code lower} it does not deny.
     */
    public ModelFacts over(ModelFacts lower) {
        if (lower == null) {
            return this;
        }
        return new ModelFacts(id, first(displayName, lower.displayName), capabilities(lower), lacks(lower),
                first(contextWindow, lower.contextWindow), first(maxOutputTokens, lower.maxOutputTokens),
                first(input, lower.input), first(output, lower.output), first(cachedInput, lower.cachedInput),
                first(deprecated, lower.deprecated));
    }

    private Set<ModelCapability> capabilities(ModelFacts lower) {
        if (capabilities == null || lower.capabilities == null) {
            return first(capabilities, lower.capabilities);
        }
        Set<ModelCapability> all = EnumSet.noneOf(ModelCapability.class);
        all.addAll(capabilities);
        lower.capabilities.stream().filter(c -> !lacks.contains(c)).forEach(all::add);
        return all;
    }

    private Set<ModelCapability> lacks(ModelFacts lower) {
        Set<ModelCapability> all = EnumSet.noneOf(ModelCapability.class);
        all.addAll(lacks);
        lower.lacks.stream().filter(c -> capabilities == null || !capabilities.contains(c)).forEach(all::add);
        return all;
    }

    private static <T> T first(T higher, T lower) {
        return higher != null ? higher : lower;
    }
}
