package dev.wormhole.core;

/**
 * A model a provider offers.
 *
 * @param id        the model's name at its provider (no prefix)
 * @param provider  the provider id (the prefix clients use)
 * @param created   epoch seconds, 0 when unknown
 * @param simulated true for the built-in simulator's models
 */
public record ModelInfo(String id, String provider, String ownedBy, long created, boolean simulated) {

    /** The name clients use to address this model: {@code provider/id}. */
    public String qualifiedId() {
        return provider + "/" + id;
    }
}
