package dev.wormhole.discovery;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Model facts by vendor from one data source (the fetched community map, the bundled snapshot, the known list).
 * A lookup with a known vendor stays within it and infers families; with no vendor it takes only an exact id or
 * family, in vendor order, since a guess by prefix across vendors would be a guess too far. Immutable.
 */
final class PriceMap {

    /** A map that knows nothing. */
    static final PriceMap EMPTY = new PriceMap(Map.of());

    /** Sorted by vendor, so that a lookup without one is deterministic. */
    private final Map<String, VendorModels> byVendor;

    PriceMap(Map<String, Map<String, ModelFacts>> facts) {
        Map<String, VendorModels> indexed = new TreeMap<>();
        facts.forEach((vendor, models) -> indexed.put(vendor, new VendorModels(models)));
        this.byVendor = Collections.unmodifiableMap(indexed);
    }

    /** What this source says of {@code id} at {@code vendor} (null: unknown vendor), or null. */
    VendorModels.Found find(String id, String vendor) {
        if (vendor != null) {
            VendorModels models = byVendor.get(vendor);
            return models == null ? null : models.find(id, true);
        }
        for (VendorModels models : byVendor.values()) {
            VendorModels.Found found = models.find(id, false);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The vendor's models in this source, by id. */
    Map<String, ModelFacts> models(String vendor) {
        VendorModels models = byVendor.get(vendor);
        return models == null ? Map.of() : models.all();
    }

    /** How many models this source knows, all vendors together. */
    int size() {
        return byVendor.values().stream().mapToInt(VendorModels::size).sum();
    }

    /** Counts by vendor, for logs. */
    Map<String, Integer> sizes() {
        Map<String, Integer> sizes = new HashMap<>();
        byVendor.forEach((vendor, models) -> sizes.put(vendor, models.size()));
        return sizes;
    }
}
