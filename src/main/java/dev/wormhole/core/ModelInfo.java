package dev.wormhole.core;

import java.util.Set;

/**
 * A model a provider offers, with what is known of it. Optional facts are null when unknown; an unknown
 * capability set is null (not empty), so that nothing is refused on a guess.
 *
 * @param id              the model's name at its provider (no prefix)
 * @param provider        the provider id (the prefix clients use)
 * @param created         epoch seconds, 0 when unknown
 * @param simulated       true for the built-in simulator's models
 * @param capabilities    what it can do, or null when unknown
 * @param contextWindow   tokens of context, or null
 * @param maxOutputTokens tokens it can write in one answer, or null
 * @param inputPrice      USD per million input tokens, or null
 * @param outputPrice     USD per million output tokens, or null
 */
public record ModelInfo(String id, String provider, String ownedBy, long created, boolean simulated,
        String displayName, Set<ModelCapability> capabilities, Integer contextWindow, Integer maxOutputTokens,
        Double inputPrice, Double outputPrice, boolean deprecated) {

    public ModelInfo {
        capabilities = capabilities == null ? null : Set.copyOf(capabilities);
    }

    /** A model known only by name. */
    public static ModelInfo named(String id, String provider, String ownedBy, long created) {
        return new ModelInfo(id, provider, ownedBy, created, false, null, null, null, null, null, null, false);
    }

    /** The name clients use to address this model: {@code provider/id}. */
    public String qualifiedId() {
        return provider + "/" + id;
    }
}
