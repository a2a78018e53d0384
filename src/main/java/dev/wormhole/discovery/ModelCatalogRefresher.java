package dev.wormhole.discovery;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/** Refreshes the catalog on a schedule: first shortly after start (never blocking it), then every interval. */
@ApplicationScoped
public class ModelCatalogRefresher {

    private final ModelCatalog catalog;

    ModelCatalogRefresher(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @Scheduled(identity = "model-catalog-refresh", every = "${wormhole.models.refresh-interval}",
            delayed = "${wormhole.models.initial-delay}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return catalog.refresh().replaceWithVoid();
    }
}
