package dev.wormhole.discovery;

import java.time.Instant;
import java.util.List;

/**
 * One provider's part of the catalog.
 *
 * @param lastSuccess when its list call last succeeded (null if never)
 * @param stale       whether its last list call failed, so the entries are the last good ones (or fallback)
 * @param lastError   the failure of that call, for operators
 */
public record ProviderModels(List<CatalogEntry> entries, Instant lastSuccess, boolean stale, String lastError) {

    public ProviderModels {
        entries = List.copyOf(entries);
    }
}
