package dev.wormhole.discovery;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One provider's part of the catalog.
 *
 * @param lastSuccess when its list call last succeeded (null if never)
 * @param stale       whether its last list call failed, so the entries are the last good ones (or fallback)
 * @param lastError   the failure of that call, for operators
 * @param byId        the entries by model id, for the lookup every request makes
 */
public record ProviderModels(List<CatalogEntry> entries, Instant lastSuccess, boolean stale, String lastError,
        Map<String, CatalogEntry> byId) {

    public ProviderModels(List<CatalogEntry> entries, Instant lastSuccess, boolean stale, String lastError) {
        this(List.copyOf(entries), lastSuccess, stale, lastError, index(entries));
    }

    private static Map<String, CatalogEntry> index(List<CatalogEntry> entries) {
        Map<String, CatalogEntry> byId = new HashMap<>();
        entries.forEach(e -> byId.putIfAbsent(e.model().id(), e));
        return Map.copyOf(byId);
    }
}
