package dev.wormhole.usage;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.config.PriceConfig;
import dev.wormhole.config.WormholeConfig;
import dev.wormhole.core.ModelInfo;
import dev.wormhole.core.ModelRef;
import dev.wormhole.discovery.KnownModels;
import dev.wormhole.discovery.ModelCatalog;
import dev.wormhole.provider.ProviderDirectory;
import dev.wormhole.provider.ProviderSettings;

/**
 * The price of each {@code provider/model}: the operator's ({@code wormhole.prices}), field by field, over the model
 * catalog's: the provider's live list, enriched from the community price map (fetched, else its bundled snapshot) and
 * the bundled list of well-known models, whose prices are vendors' list prices.
 */
@ApplicationScoped
public class Prices {

    private final Map<String, PriceConfig> overrides;
    private final ModelCatalog catalog;
    private final KnownModels known;
    private final ProviderDirectory directory;

    Prices(WormholeConfig config, ModelCatalog catalog, KnownModels known, ProviderDirectory directory) {
        this.overrides = config.prices();
        this.catalog = catalog;
        this.known = known;
        this.directory = directory;
    }

    /** The price of {@code target}; components are null where neither the operator nor the catalog knows them. */
    public Price of(ModelRef target) {
        String vendor = directory.settings(target.provider()).map(ProviderSettings::vendor).orElse(null);
        // A model the catalog does not list (yet) is priced from the price map, within its provider's vendor.
        Optional<ModelInfo> info = catalog.model(target.provider(), target.model()).or(() -> Optional.ofNullable(vendor)
                .map(v -> known.enrich(ModelInfo.named(target.model(), target.provider(), v, 0), v)));
        BigDecimal input = decimal(info.map(ModelInfo::inputPrice));
        BigDecimal output = decimal(info.map(ModelInfo::outputPrice));
        BigDecimal cached = decimal(known.cachedInputPrice(target.model(), vendor));
        PriceConfig override = overrides.get(target.provider() + "/" + target.model());
        if (override != null) {
            input = override.input().orElse(input);
            output = override.output().orElse(output);
            cached = override.cachedInput().orElse(override.input().isPresent() ? null : cached);
        }
        return new Price(input, output, cached);
    }

    /** Whether anything prices {@code target}: the model is a known one, fit to be a metric label. */
    public boolean known(ModelRef target) {
        return overrides.containsKey(target.provider() + "/" + target.model())
                || catalog.find(target.provider(), target.model()).isPresent();
    }

    private static BigDecimal decimal(Optional<Double> value) {
        return value.map(BigDecimal::valueOf).orElse(null);
    }
}
