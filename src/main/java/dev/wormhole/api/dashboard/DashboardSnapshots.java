package dev.wormhole.api.dashboard;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.batch.BatchRun;
import dev.wormhole.batch.BatchRunner;
import dev.wormhole.config.WormholeConfig;
import io.smallrye.mutiny.Uni;

/**
 * Takes a {@link DashboardView}: everything but usage is read from memory at once; usage is read from the state
 * store without blocking.
 */
@ApplicationScoped
public class DashboardSnapshots {

    static final int MAX_BATCHES = 20;

    private final ProviderPanel providers;
    private final TrafficPanel traffic;
    private final UsagePanel usage;
    private final BatchRunner batches;
    private final RecentErrors errors;
    private final long refreshMillis;

    DashboardSnapshots(ProviderPanel providers, TrafficPanel traffic, UsagePanel usage, BatchRunner batches,
            RecentErrors errors, WormholeConfig config) {
        this.providers = providers;
        this.traffic = traffic;
        this.usage = usage;
        this.batches = batches;
        this.errors = errors;
        this.refreshMillis = config.dashboard().refresh().toMillis();
    }

    /** How often the live stream sends a snapshot, in milliseconds. */
    public long refreshMillis() {
        return refreshMillis;
    }

    /** A snapshot taken now. */
    public Uni<DashboardView> take() {
        return Uni.createFrom().deferred(() -> {
            String at = Instant.now().toString();
            List<DashboardView.ProviderRow> providerRows = providers.providers();
            List<DashboardView.CatalogRow> catalogRows = providers.catalog();
            List<DashboardView.TrafficRow> trafficRows = traffic.rows();
            List<DashboardView.BatchRow> batchRows = batches.running(MAX_BATCHES).stream()
                    .map(DashboardSnapshots::batch).toList();
            List<DashboardView.ErrorRow> errorRows = errors.latest();
            return usage.today().map(usageRows -> new DashboardView("dashboard.snapshot", at, refreshMillis,
                    providerRows, catalogRows, trafficRows, usageRows, batchRows, errorRows));
        });
    }

    private static DashboardView.BatchRow batch(BatchRun run) {
        return new DashboardView.BatchRow(run.id(), run.mode().name().toLowerCase(), run.items(), run.completed(),
                run.failed(), run.inFlight(), run.concurrency(), run.elapsedMillis());
    }
}
