package dev.wormhole.discovery;

import java.time.Instant;

import dev.wormhole.core.ModelInfo;

/**
 * A model in the catalog: what is known of it, and where that knowledge comes from.
 *
 * @param source    {@code live} (the provider listed it), {@code cached} (read from the saved catalog at
 *                  start), or {@code fallback} (the bundled list, the provider never answered)
 * @param fetchedAt when the provider listed it (null for fallback entries)
 */
public record CatalogEntry(ModelInfo model, String source, Instant fetchedAt) {
}
