package dev.wormhole.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.core.ModelCapability;

/**
 * The hand-kept list of well-known models ({@code catalog/known-models.json}): per vendor, in order, each model's
 * name, capabilities, context, output limit and list prices (USD per million; {@code cached_input} for prompt
 * tokens read from the prompt cache). Read once at start; a broken bundled file fails the start.
 */
final class KnownModelList {

    private final Map<String, List<ModelFacts>> byVendor;
    private final PriceMap map;

    private KnownModelList(Map<String, List<ModelFacts>> byVendor) {
        this.byVendor = Map.copyOf(byVendor);
        Map<String, Map<String, ModelFacts>> indexed = new HashMap<>();
        byVendor.forEach((vendor, models) -> {
            Map<String, ModelFacts> byId = new LinkedHashMap<>();
            models.forEach(m -> byId.put(m.id(), m));
            indexed.put(vendor, byId);
        });
        this.map = new PriceMap(indexed);
    }

    /** Reads the bundled list. */
    static KnownModelList read(ObjectMapper json, String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing bundled resource " + resource);
            }
            Map<String, List<ModelFacts>> byVendor = new HashMap<>();
            json.readTree(in).path("vendors").fields().forEachRemaining(vendor -> {
                List<ModelFacts> models = new ArrayList<>();
                vendor.getValue().forEach(entry -> models.add(facts(entry)));
                byVendor.put(vendor.getKey(), List.copyOf(models));
            });
            return new KnownModelList(byVendor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ModelFacts facts(JsonNode entry) {
        Set<ModelCapability> capabilities = EnumSet.noneOf(ModelCapability.class);
        entry.path("capabilities").forEach(c -> capabilities.add(
                ModelCapability.valueOf(c.asText().toUpperCase(Locale.ROOT))));
        return new ModelFacts(entry.path("id").asText(), entry.path("name").asText(null), capabilities,
                integer(entry, "context"), integer(entry, "max_output"), decimal(entry, "input"),
                decimal(entry, "output"), decimal(entry, "cached_input"), entry.path("deprecated").asBoolean(false));
    }

    private static Integer integer(JsonNode entry, String field) {
        return entry.hasNonNull(field) ? entry.get(field).asInt() : null;
    }

    private static Double decimal(JsonNode entry, String field) {
        return entry.hasNonNull(field) ? entry.get(field).asDouble() : null;
    }

    /** The vendor's models in the order listed. */
    List<ModelFacts> models(String vendor) {
        return byVendor.getOrDefault(vendor, List.of());
    }

    /** The list as a layer to look models up in. */
    PriceMap map() {
        return map;
    }
}
