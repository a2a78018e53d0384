package dev.wormhole.discovery;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.wormhole.core.GatewayException;
import dev.wormhole.core.ModelCapability;
import dev.wormhole.core.ModelInfo;

/**
 * A model selection: filters (capabilities all present, provider, minimum context, maximum input price) and a
 * deterministic order: preferred providers first (in their configured order), then the sort key ({@code price}
 * cheapest input first, {@code context} largest first, {@code name}), then the qualified id.
 */
public record CatalogQuery(Set<ModelCapability> capabilities, String provider, Integer minContext,
        Double maxInputPrice, String sort, Integer limit) {

    /** Parses the query parameters of {@code GET /v1/models}, naming the parameter of any bad value. */
    public static CatalogQuery of(List<String> capabilities, String provider, Integer minContext, Double maxInputPrice,
            String sort, Integer limit) {
        Set<ModelCapability> wanted = capabilities.stream().map(c -> {
            try {
                return ModelCapability.valueOf(c.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw GatewayException.invalid("capability", "Unknown capability '" + c + "'; use one of "
                        + List.of(ModelCapability.values()).toString().toLowerCase(Locale.ROOT) + ".");
            }
        }).collect(java.util.stream.Collectors.toSet());
        if (sort != null && !List.of("price", "context", "name").contains(sort)) {
            throw GatewayException.invalid("sort", "sort must be price, context or name.");
        }
        if (limit != null && limit < 1) {
            throw GatewayException.invalid("limit", "limit must be at least 1.");
        }
        return new CatalogQuery(wanted, provider, minContext, maxInputPrice, sort == null ? "name" : sort, limit);
    }

    /** The matching entries in the query's order. */
    public List<CatalogEntry> apply(List<CatalogEntry> entries, List<String> preferredProviders) {
        Comparator<CatalogEntry> preferred = Comparator.comparingInt(e -> {
            int index = preferredProviders.indexOf(e.model().provider());
            return index < 0 ? Integer.MAX_VALUE : index;
        });
        Comparator<CatalogEntry> order = preferred.thenComparing(byKey()).thenComparing(e -> e.model().qualifiedId());
        return entries.stream().filter(this::matches).sorted(order)
                .limit(limit == null ? Long.MAX_VALUE : limit).toList();
    }

    private Comparator<CatalogEntry> byKey() {
        return switch (sort) {
            case "price" -> Comparator.comparing(e -> e.model().inputPrice(), Comparator.nullsLast(Comparator.naturalOrder()));
            case "context" -> Comparator.comparing(e -> e.model().contextWindow(),
                    Comparator.nullsLast(Comparator.reverseOrder()));
            default -> Comparator.comparing(e -> e.model().displayName() == null ? e.model().id()
                    : e.model().displayName());
        };
    }

    private boolean matches(CatalogEntry entry) {
        ModelInfo m = entry.model();
        if (provider != null && !provider.equals(m.provider())) {
            return false;
        }
        if (!capabilities.isEmpty() && (m.capabilities() == null || !m.capabilities().containsAll(capabilities))) {
            return false;
        }
        if (minContext != null && (m.contextWindow() == null || m.contextWindow() < minContext)) {
            return false;
        }
        return maxInputPrice == null || m.inputPrice() != null && m.inputPrice() <= maxInputPrice;
    }
}
