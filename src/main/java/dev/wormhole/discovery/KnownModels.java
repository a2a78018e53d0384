package dev.wormhole.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.core.ModelInfo;

/**
 * What the gateway knows of models without asking their providers, in three layers, highest first: the community
 * price map fetched at each catalog refresh ({@link PriceMapFetcher}), the snapshot of that map bundled with the
 * gateway ({@code catalog/model-prices.json}), and the hand-kept list of well-known models
 * ({@code catalog/known-models.json}), which also names them and stands in for a provider that cannot be reached.
 * It fills what live model lists lack (capabilities, context, prices), each fact from the highest layer that knows
 * it. A live id is found exactly, by its family ({@code gpt-4o-mini-2024-07-18} is {@code gpt-4o-mini}) or, within
 * its vendor, by the longest known family it extends ({@link ModelFamilies}).
 */
@ApplicationScoped
public class KnownModels {

    static final String KNOWN_RESOURCE = "catalog/known-models.json";
    static final String SNAPSHOT_RESOURCE = "catalog/model-prices.json";

    private final KnownModelList list;
    private final PriceMap snapshot;
    private final AtomicReference<PriceMap> fetched = new AtomicReference<>(PriceMap.EMPTY);

    KnownModels(ObjectMapper json) {
        this.list = KnownModelList.read(json, KNOWN_RESOURCE);
        this.snapshot = BundledPriceMap.read(json, SNAPSHOT_RESOURCE);
    }

    /** Replaces the fetched layer with a newer good map. */
    void apply(PriceMap map) {
        fetched.set(map);
    }

    /** How many models the fetched layer knows (0 before the first good fetch). */
    int fetchedModels() {
        return fetched.get().size();
    }

    /** The vendor's well-known models as a provider's offline catalog, their facts brought up to date. */
    public List<ModelInfo> fallback(String vendor, String providerId) {
        if (vendor == null) {
            return List.of();
        }
        List<ModelInfo> models = new ArrayList<>();
        for (ModelFacts known : list.models(vendor)) {
            ModelFacts facts = facts(known.id(), vendor);
            models.add(new ModelInfo(known.id(), providerId, vendor, 0, false, facts.displayName(),
                    facts.capabilities(), facts.contextWindow(), facts.maxOutputTokens(), facts.input(), facts.output(),
                    Boolean.TRUE.equals(facts.deprecated())));
        }
        return List.copyOf(models);
    }

    /** A live entry with the facts it lacks filled from the layers, when any of them knows the model. */
    public ModelInfo enrich(ModelInfo live, String vendor) {
        ModelFacts known = facts(live.id(), vendor);
        if (known == null) {
            return live;
        }
        return new ModelInfo(live.id(), live.provider(), live.ownedBy(), live.created(), live.simulated(),
                first(live.displayName(), known.displayName()), first(live.capabilities(), known.capabilities()),
                first(live.contextWindow(), known.contextWindow()),
                first(live.maxOutputTokens(), known.maxOutputTokens()), first(live.inputPrice(), known.input()),
                first(live.outputPrice(), known.output()),
                live.deprecated() || Boolean.TRUE.equals(known.deprecated()));
    }

    /**
     * The vendor's list price of prompt tokens read from its prompt cache, in USD per million, for a model it
     * knows (dated versions and inferred families included); empty when no layer has one or the vendor is unknown.
     */
    public Optional<Double> cachedInputPrice(String id, String vendor) {
        if (vendor == null) {
            return Optional.empty();
        }
        ModelFacts facts = facts(id, vendor);
        return facts == null ? Optional.empty() : Optional.ofNullable(facts.cachedInput());
    }

    /**
     * The facts of a model merged over the layers. A layer that found the model only by a family it extends (a
     * guess) counts only when no layer knows the model or its own family.
     */
    ModelFacts facts(String id, String vendor) {
        List<VendorModels.Found> found = new ArrayList<>();
        for (PriceMap layer : List.of(fetched.get(), snapshot, list.map())) {
            VendorModels.Found match = layer.find(id, vendor);
            if (match != null) {
                found.add(match);
            }
        }
        boolean sure = found.stream().anyMatch(f -> f.match() != VendorModels.Match.PREFIX);
        ModelFacts merged = null;
        for (int i = found.size() - 1; i >= 0; i--) {
            VendorModels.Found match = found.get(i);
            if (!sure || match.match() != VendorModels.Match.PREFIX) {
                merged = match.facts().over(merged);
            }
        }
        return merged;
    }

    /** Layer sizes by vendor, for logs and tests. */
    Map<String, Integer> snapshotSizes() {
        return snapshot.sizes();
    }

    private static <T> T first(T live, T known) {
        return live != null ? live : known;
    }
}
