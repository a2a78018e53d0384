package dev.wormhole.api.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.config.ProviderConfig;
import dev.wormhole.config.WormholeConfig;
import dev.wormhole.discovery.CatalogEntry;
import dev.wormhole.discovery.ModelCatalog;
import dev.wormhole.discovery.ProviderModels;
import dev.wormhole.provider.Operation;
import dev.wormhole.provider.ProviderDirectory;
import dev.wormhole.provider.ProviderGuards;
import dev.wormhole.provider.ProviderRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/** The providers with their breakers and bulkheads, and each one's part of the model catalog with its staleness. */
@ApplicationScoped
public class ProviderPanel {

    /** Open breakers listed per provider: model names come from clients, so the list is bounded. */
    static final int MAX_OPEN_BREAKERS = 10;
    private static final int MAX_ERROR = 240;

    private final ProviderDirectory directory;
    private final ProviderRegistry registry;
    private final ProviderGuards guards;
    private final ModelCatalog catalog;
    private final WormholeConfig config;
    private final MeterRegistry meters;

    ProviderPanel(ProviderDirectory directory, ProviderRegistry registry, ProviderGuards guards, ModelCatalog catalog,
            WormholeConfig config, MeterRegistry meters) {
        this.directory = directory;
        this.registry = registry;
        this.guards = guards;
        this.catalog = catalog;
        this.config = config;
        this.meters = meters;
    }

    /** Every configured provider, in the directory's order. */
    public List<DashboardView.ProviderRow> providers() {
        List<DashboardView.ProviderRow> rows = new ArrayList<>();
        for (String id : directory.ids()) {
            String dialect = directory.settings(id).map(s -> s.dialect().name().toLowerCase(Locale.ROOT)).orElse("?");
            ProviderConfig provider = config.providers().get(id);
            Counter rejections = meters.find("wormhole.bulkhead.rejections").tag("provider", id).counter();
            rows.add(new DashboardView.ProviderRow(id, dialect, registry.isOpen(id), registry.leases(id), breaker(id),
                    guards.openDeployments(id, MAX_OPEN_BREAKERS),
                    provider == null ? 0 : provider.bulkhead().maxConcurrent(),
                    provider == null ? 0 : provider.bulkhead().queue(),
                    rejections == null ? 0 : (long) rejections.count()));
        }
        return rows;
    }

    /** Every provider's part of the catalog. */
    public List<DashboardView.CatalogRow> catalog() {
        List<DashboardView.CatalogRow> rows = new ArrayList<>();
        Instant now = Instant.now();
        for (String id : directory.ids()) {
            ProviderModels models = catalog.providerModels(id);
            int live = 0;
            int fallback = 0;
            for (CatalogEntry entry : models.entries()) {
                live += "live".equals(entry.source()) ? 1 : 0;
                fallback += "fallback".equals(entry.source()) ? 1 : 0;
            }
            Instant last = models.lastSuccess();
            Long staleness = last == null ? null : Duration.between(last, now).toSeconds();
            String error = models.lastError();
            rows.add(new DashboardView.CatalogRow(id, models.entries().size(), live, fallback,
                    last == null ? null : last.toString(), staleness, models.stale(),
                    error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR) + "…"));
        }
        return rows;
    }

    /** The worst state among the provider-wide breaker and those of its models, over every operation. */
    private String breaker(String id) {
        CircuitBreakerState worst = guards.providerState(id);
        for (Operation operation : Operation.values()) {
            CircuitBreakerState state = guards.state(id, operation);
            if (state.compareTo(worst) > 0) {
                worst = state;
            }
        }
        return worst.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
