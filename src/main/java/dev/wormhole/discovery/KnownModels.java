package dev.wormhole.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.core.ModelCapability;
import dev.wormhole.core.ModelInfo;

/**
 * The bundled catalog of well-known models ({@code catalog/known-models.json}): it fills what live model lists
 * lack (capabilities, context, prices) and stands in for a provider that cannot be reached. A live id matches
 * a known one exactly, or as a dated version of it ({@code gpt-4o-mini-2024-07-18} is {@code gpt-4o-mini}).
 */
@ApplicationScoped
public class KnownModels {

    static final String RESOURCE = "catalog/known-models.json";

    private final Map<String, List<ModelInfo>> byVendor = new HashMap<>();
    private final Map<String, Double> cachedInputPrices = new HashMap<>();

    KnownModels(ObjectMapper json) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing bundled resource " + RESOURCE);
            }
            JsonNode vendors = json.readTree(in).path("vendors");
            vendors.fields().forEachRemaining(vendor -> {
                List<ModelInfo> models = new ArrayList<>();
                vendor.getValue().forEach(entry -> {
                    models.add(read(entry));
                    if (entry.hasNonNull("cached_input")) {
                        cachedInputPrices.put(vendor.getKey() + '/' + entry.path("id").asText(),
                                entry.get("cached_input").asDouble());
                    }
                });
                byVendor.put(vendor.getKey(), List.copyOf(models));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ModelInfo read(JsonNode entry) {
        Set<ModelCapability> capabilities = EnumSet.noneOf(ModelCapability.class);
        entry.path("capabilities").forEach(c -> capabilities.add(ModelCapability.valueOf(c.asText().toUpperCase(Locale.ROOT))));
        return new ModelInfo(entry.path("id").asText(), "", "", 0, false, entry.path("name").asText(null),
                capabilities, integer(entry, "context"), integer(entry, "max_output"), decimal(entry, "input"),
                decimal(entry, "output"), entry.path("deprecated").asBoolean(false));
    }

    private static Integer integer(JsonNode entry, String field) {
        return entry.hasNonNull(field) ? entry.get(field).asInt() : null;
    }

    private static Double decimal(JsonNode entry, String field) {
        return entry.hasNonNull(field) ? entry.get(field).asDouble() : null;
    }

    /** The vendor's well-known models as a provider's offline catalog. */
    public List<ModelInfo> fallback(String vendor, String providerId) {
        if (vendor == null) {
            return List.of();
        }
        return byVendor.getOrDefault(vendor, List.of()).stream().map(m -> as(m, m.id(), providerId, vendor)).toList();
    }

    /** A live entry with the unknown facts filled from the bundled catalog, when it knows the model. */
    public ModelInfo enrich(ModelInfo live, String vendor) {
        ModelInfo known = find(live.id(), vendor);
        if (known == null) {
            return live;
        }
        return new ModelInfo(live.id(), live.provider(), live.ownedBy(), live.created(), live.simulated(),
                first(live.displayName(), known.displayName()), first(live.capabilities(), known.capabilities()),
                first(live.contextWindow(), known.contextWindow()), first(live.maxOutputTokens(), known.maxOutputTokens()),
                first(live.inputPrice(), known.inputPrice()), first(live.outputPrice(), known.outputPrice()),
                live.deprecated() || known.deprecated());
    }

    /**
     * The vendor's list price of prompt tokens read from its prompt cache, in USD per million, for a model it
     * knows (dated versions included); empty when the vendor publishes none or the model is unknown.
     */
    public Optional<Double> cachedInputPrice(String id, String vendor) {
        if (vendor == null) {
            return Optional.empty();
        }
        ModelInfo known = find(id, vendor);
        return known == null ? Optional.empty() : Optional.ofNullable(cachedInputPrices.get(vendor + '/' + known.id()));
    }

    private ModelInfo find(String id, String vendor) {
        List<List<ModelInfo>> lists = vendor != null && byVendor.containsKey(vendor) ? List.of(byVendor.get(vendor))
                : List.copyOf(byVendor.values());
        ModelInfo best = null;
        for (List<ModelInfo> models : lists) {
            for (ModelInfo known : models) {
                boolean exact = known.id().equals(id);
                boolean dated = id.startsWith(known.id() + "-") && id.substring(known.id().length() + 1).matches("\\d{4}-?\\d{2}-?\\d{2}");
                if (exact) {
                    return known;
                }
                if (dated && (best == null || known.id().length() > best.id().length())) {
                    best = known;
                }
            }
        }
        return best;
    }

    private static ModelInfo as(ModelInfo known, String id, String providerId, String vendor) {
        return new ModelInfo(id, providerId, vendor, 0, false, known.displayName(), known.capabilities(),
                known.contextWindow(), known.maxOutputTokens(), known.inputPrice(), known.outputPrice(),
                known.deprecated());
    }

    private static <T> T first(T live, T known) {
        return live != null ? live : known;
    }
}
