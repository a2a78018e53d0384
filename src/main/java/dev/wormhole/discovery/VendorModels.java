package dev.wormhole.discovery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One vendor's models in one data source, indexed to find the facts of any id the vendor may list: the id itself,
 * else its family ({@link ModelFamilies#family}), else the longest known family it extends
 * ({@code claude-sonnet-4-5-20250929} → {@code claude-sonnet-4-5}, or else {@code claude-sonnet-4}). Immutable.
 */
final class VendorModels {

    private final Map<String, ModelFacts> byId;
    private final Map<String, ModelFacts> byFamily = new HashMap<>();
    /** Known families, longest first, for the prefix rule. */
    private final List<String> families;

    VendorModels(Map<String, ModelFacts> byId) {
        this.byId = Map.copyOf(byId);
        byId.values().stream().sorted(Comparator.comparing(ModelFacts::id)).forEach(facts -> {
            String family = ModelFamilies.family(facts.id());
            ModelFacts present = byFamily.get(family);
            // The family's own alias (gpt-4o) stands for it; else the latest dated version (ids sort by date).
            if (present == null || !present.id().equals(family)) {
                byFamily.put(family, facts);
            }
        });
        List<String> sorted = new ArrayList<>(byFamily.keySet());
        sorted.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        this.families = List.copyOf(sorted);
    }

    /** Every model of the vendor in this source, by id. */
    Map<String, ModelFacts> all() {
        return byId;
    }

    /** How a model was found: its own id, its family, or a family it extends. */
    enum Match { EXACT, FAMILY, PREFIX }

    /** Facts found for an id, and how. */
    record Found(ModelFacts facts, Match match) {
    }

    /** The facts of {@code id}: exact, by family, or (when {@code byPrefix}) by the longest family it extends. */
    Found find(String id, boolean byPrefix) {
        ModelFacts exact = byId.get(id);
        if (exact != null) {
            return new Found(exact, Match.EXACT);
        }
        String family = ModelFamilies.family(id);
        ModelFacts sameFamily = byFamily.get(family);
        if (sameFamily != null) {
            return new Found(sameFamily, Match.FAMILY);
        }
        if (byPrefix) {
            for (String known : families) {
                if (ModelFamilies.extendsFamily(family, known)) {
                    return new Found(byFamily.get(known), Match.PREFIX);
                }
            }
        }
        return null;
    }

    int size() {
        return byId.size();
    }
}
