package dev.wormhole.discovery;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.wormhole.config.Dialect;
import dev.wormhole.core.ModelInfo;
import dev.wormhole.provider.ProviderDirectory;
import dev.wormhole.provider.ProviderSettings;
import dev.wormhole.routing.Dispatcher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The model catalog: an immutable snapshot of every provider's models, swapped atomically. It starts from
 * what needs no network (the saved catalog, the bundled fallback, local providers such as the simulator) and
 * is refreshed from the providers' own model lists: all at once, each under its own timeout, each applied as
 * soon as it answers. A provider whose call fails keeps its last good entries, marked stale.
 */
@ApplicationScoped
public class ModelCatalog {

    private final ProviderDirectory directory;
    private final Dispatcher dispatcher;
    private final KnownModels known;
    private final PriceMapFetcher priceMap;
    private final ModelOverrides overrides;
    private final CatalogStore store;
    private final MeterRegistry meters;
    private final AtomicReference<Map<String, ProviderModels>> snapshot = new AtomicReference<>(Map.of());
    private final AtomicReference<Uni<List<RefreshOutcome>>> running = new AtomicReference<>();

    ModelCatalog(ProviderDirectory directory, Dispatcher dispatcher, KnownModels known, PriceMapFetcher priceMap,
            ModelOverrides overrides, CatalogStore store, MeterRegistry meters) {
        this.directory = directory;
        this.dispatcher = dispatcher;
        this.known = known;
        this.priceMap = priceMap;
        this.overrides = overrides;
        this.store = store;
        this.meters = meters;
        Gauge.builder("wormhole.catalog.models", () -> entries().size())
                .description("Models in the catalog").register(meters);
    }

    void start(@Observes StartupEvent event) {
        Map<String, List<CatalogEntry>> cached = store.read();
        Map<String, ProviderModels> initial = new HashMap<>();
        for (String id : directory.ids()) {
            ProviderSettings settings = directory.settings(id).orElseThrow();
            List<CatalogEntry> entries = cached.containsKey(id) ? cached.get(id) : fallback(settings, id);
            initial.put(id, new ProviderModels(overrides.apply(entries), null, false, null));
            registerGauges(id);
        }
        snapshot.set(Map.copyOf(initial));
        // Local providers answer at once and without I/O: list them now, so their models are served from the start.
        for (String id : directory.ids()) {
            if (directory.settings(id).orElseThrow().dialect() == Dialect.SIMULATOR) {
                refreshOne(id).await().atMost(Duration.ofSeconds(5));
            }
        }
    }

    private List<CatalogEntry> fallback(ProviderSettings settings, String id) {
        return known.fallback(settings.vendor(), id).stream().map(m -> new CatalogEntry(m, "fallback", null)).toList();
    }

    /** The entries kept for a provider that gave no list: bundled ones are rebuilt, so a newer price map shows. */
    private List<CatalogEntry> kept(ProviderSettings settings, List<CatalogEntry> previous) {
        boolean bundled = previous.stream().allMatch(e -> "fallback".equals(e.source()));
        return bundled ? fallback(settings, settings.id()) : previous;
    }

    /**
     * Fetches the community price map first (its facts enrich what the providers list), then lists every
     * provider's models again and applies each answer as it arrives. A refresh already running is
     * joined, not stacked. Never fails: each provider's outcome is reported.
     */
    public Uni<List<RefreshOutcome>> refresh() {
        while (true) {
            Uni<List<RefreshOutcome>> current = running.get();
            if (current != null) {
                return current;
            }
            Uni<List<RefreshOutcome>> started = refreshAll().onTermination().invoke(() -> running.set(null))
                    .memoize().indefinitely();
            if (running.compareAndSet(null, started)) {
                return started;
            }
        }
    }

    private Uni<List<RefreshOutcome>> refreshAll() {
        List<String> ids = directory.ids();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        // Assembled only once the map is in: refreshOne already acts when called, not when subscribed.
        return priceMap.refresh().chain(() -> Uni.join().all(ids.stream().map(this::refreshOne).toList()).andFailFast())
                .call(outcomes -> Uni.createFrom().item(() -> {
                    store.write(snapshot.get());
                    return outcomes;
                }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    private Uni<RefreshOutcome> refreshOne(String id) {
        ProviderSettings settings = directory.settings(id).orElseThrow();
        if (!settings.quirks().listsModels()) {
            // Nothing to ask (e.g. Perplexity): its bundled entries stand, and a refresh is no failure.
            ProviderModels current = providerModels(id);
            update(id, new ProviderModels(kept(settings, current.entries()), current.lastSuccess(), false, null));
            return Uni.createFrom().item(new RefreshOutcome(id, true, current.entries().size(), null, 0));
        }
        long start = System.nanoTime();
        return dispatcher.listModels(id)
                .map(models -> {
                    Instant now = Instant.now();
                    List<CatalogEntry> entries = models.stream()
                            .map(m -> new CatalogEntry(known.enrich(m, settings.vendor()), "live", now))
                            .sorted(Comparator.comparing(e -> e.model().id())).toList();
                    update(id, new ProviderModels(entries, now, false, null));
                    return new RefreshOutcome(id, true, entries.size(), null, millis(start));
                })
                .onFailure().recoverWithItem(failure -> {
                    ProviderModels previous = snapshot.get().getOrDefault(id,
                            new ProviderModels(List.of(), null, false, null));
                    update(id, new ProviderModels(kept(settings, previous.entries()), previous.lastSuccess(), true,
                            failure.getMessage()));
                    Counter.builder("wormhole.catalog.refresh.failures").tag("provider", id)
                            .description("Failed model-list calls").register(meters).increment();
                    Log.warnf("Refreshing the models of provider '%s' failed (keeping %d known): %s", id,
                            previous.entries().size(), failure.getMessage());
                    return new RefreshOutcome(id, false, previous.entries().size(), failure.getMessage(), millis(start));
                });
    }

    private void update(String id, ProviderModels models) {
        snapshot.updateAndGet(current -> {
            Map<String, ProviderModels> next = new HashMap<>(current);
            // The operator's facts come last, over everything else.
            next.put(id, new ProviderModels(overrides.apply(models.entries()), models.lastSuccess(), models.stale(),
                    models.lastError()));
            return Map.copyOf(next);
        });
    }

    private void registerGauges(String id) {
        Gauge.builder("wormhole.catalog.last_refresh_seconds", () -> {
            Instant at = providerModels(id).lastSuccess();
            return at == null ? 0 : at.getEpochSecond();
        }).tag("provider", id).description("When the provider's model list last refreshed (epoch seconds)")
                .register(meters);
        Gauge.builder("wormhole.catalog.staleness_seconds", () -> {
            Instant at = providerModels(id).lastSuccess();
            return at == null ? -1 : Duration.between(at, Instant.now()).toSeconds();
        }).tag("provider", id).description("Seconds since the last successful refresh; -1 if never").register(meters);
    }

    /** Every provider's part of the catalog. */
    public Map<String, ProviderModels> snapshot() {
        return snapshot.get();
    }

    /** One provider's part (empty when it has none). */
    public ProviderModels providerModels(String id) {
        return snapshot.get().getOrDefault(id, new ProviderModels(List.of(), null, false, null));
    }

    /** Every entry, by qualified id. */
    public List<CatalogEntry> entries() {
        return snapshot.get().values().stream().flatMap(p -> p.entries().stream())
                .sorted(Comparator.comparing(e -> e.model().qualifiedId())).toList();
    }

    /** The entry of one model at one provider. */
    public Optional<CatalogEntry> find(String provider, String model) {
        return Optional.ofNullable(providerModels(provider).byId().get(model));
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** A model's facts, as {@link ModelInfo}, for callers that need no provenance. */
    public Optional<ModelInfo> model(String provider, String model) {
        return find(provider, model).map(CatalogEntry::model);
    }
}
