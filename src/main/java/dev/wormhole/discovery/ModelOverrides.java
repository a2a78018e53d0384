package dev.wormhole.discovery;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.config.ModelOverrideConfig;
import dev.wormhole.config.PriceConfig;
import dev.wormhole.config.WormholeConfig;
import dev.wormhole.core.ModelCapability;
import dev.wormhole.core.ModelInfo;

/**
 * The operator's facts of models ({@code wormhole.models.overrides}) and prices ({@code wormhole.prices}), applied to
 * every catalog entry last, so that they win over the provider's live list and the price maps, in {@code /v1/models}
 * as in the cost of a call. Names were checked at start by the config validator.
 */
@ApplicationScoped
public class ModelOverrides {

    private final Map<String, ModelOverrideConfig> overrides;
    private final Map<String, PriceConfig> prices;

    ModelOverrides(WormholeConfig config) {
        this.overrides = Map.copyOf(config.models().overrides());
        this.prices = Map.copyOf(config.prices());
    }

    /** The entries with the operator's facts over theirs. */
    List<CatalogEntry> apply(List<CatalogEntry> entries) {
        if (overrides.isEmpty() && prices.isEmpty()) {
            return entries;
        }
        return entries.stream().map(e -> new CatalogEntry(apply(e.model()), e.source(), e.fetchedAt())).toList();
    }

    /** A model with the operator's facts over its own. */
    ModelInfo apply(ModelInfo m) {
        ModelOverrideConfig o = overrides.get(m.qualifiedId());
        PriceConfig price = prices.get(m.qualifiedId());
        if (o == null && price == null) {
            return m;
        }
        Double input = m.inputPrice();
        Double output = m.outputPrice();
        if (price != null) {
            input = price.input().map(BigDecimal::doubleValue).orElse(input);
            output = price.output().map(BigDecimal::doubleValue).orElse(output);
        }
        if (o == null) {
            return new ModelInfo(m.id(), m.provider(), m.ownedBy(), m.created(), m.simulated(), m.displayName(),
                    m.capabilities(), m.contextWindow(), m.maxOutputTokens(), input, output, m.deprecated());
        }
        Set<ModelCapability> capabilities = o.capabilities().map(ModelOverrides::capabilities).orElse(m.capabilities());
        return new ModelInfo(m.id(), m.provider(), m.ownedBy(), m.created(), m.simulated(), m.displayName(),
                capabilities, o.contextWindow().orElse(m.contextWindow()),
                o.maxOutputTokens().orElse(m.maxOutputTokens()), input, output, o.deprecated().orElse(m.deprecated()));
    }

    private static Set<ModelCapability> capabilities(List<String> names) {
        Set<ModelCapability> capabilities = EnumSet.noneOf(ModelCapability.class);
        names.forEach(n -> capabilities.add(ModelCapability.valueOf(n.trim().toUpperCase(Locale.ROOT))));
        return capabilities;
    }
}
