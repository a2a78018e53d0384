package dev.wormhole.provider;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.wormhole.config.Dialect;
import dev.wormhole.config.WormholeConfig;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.All;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * The provider instances of this gateway: created lazily from configuration on first use, cached by id,
 * leased per request, evicted when idle, drained and closed on shutdown. See {@link ProviderCache}.
 */
@ApplicationScoped
public class ProviderRegistry {

    private final ProviderDirectory directory;
    private final WormholeConfig config;
    private final Map<Dialect, ProviderFactory> factories = new EnumMap<>(Dialect.class);
    private final ProviderCache cache;

    ProviderRegistry(ProviderDirectory directory, WormholeConfig config, @All List<ProviderFactory> factories,
            MeterRegistry meters) {
        this.directory = directory;
        this.config = config;
        factories.forEach(f -> this.factories.put(f.dialect(), f));
        this.cache = new ProviderCache(this::create, System::nanoTime);
        FunctionCounter.builder("wormhole.registry.cache.hits", cache, c -> c.hits.get())
                .description("Leases served by an existing provider instance").register(meters);
        FunctionCounter.builder("wormhole.registry.cache.misses", cache, c -> c.misses.get())
                .description("Leases that created a provider instance").register(meters);
        FunctionCounter.builder("wormhole.registry.cache.evictions", cache, c -> c.evictions.get())
                .description("Provider instances closed for idleness or to respect the size limit").register(meters);
        Gauge.builder("wormhole.registry.cache.size", cache, ProviderCache::size)
                .description("Provider instances currently open").register(meters);
        Gauge.builder("wormhole.registry.leases", cache, ProviderCache::openLeases)
                .description("Requests currently holding a provider lease").register(meters);
    }

    private Provider create(String id) {
        ProviderSettings settings = directory.settings(id)
                .orElseThrow(() -> GatewayException.of(ErrorKind.NOT_FOUND, "provider_not_found",
                        "No provider '" + id + "' is configured."));
        ProviderFactory factory = factories.get(settings.dialect());
        if (factory == null) {
            throw new IllegalStateException("No factory for dialect " + settings.dialect());
        }
        Log.debugf("Creating provider %s", settings);
        return factory.create(settings);
    }

    /**
     * A lease on the provider with this id, creating its instance if needed. Fails with a 404 for an unknown
     * id and a 503 once shutdown has begun. The caller must close the lease when its request ends.
     */
    public Lease lease(String providerId) {
        return cache.lease(providerId);
    }

    /** Closes idle instances; runs on a schedule. */
    @Scheduled(identity = "provider-registry-sweep", every = "${wormhole.registry.sweep-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        evictIdle(config.registry().idleTimeout());
    }

    /** Closes instances without a lease that were idle at least this long (and trims to the size limit). */
    void evictIdle(Duration idleTimeout) {
        int closed = cache.evictIdle(idleTimeout, config.registry().maxInstances());
        if (closed > 0) {
            Log.debugf("Closed %d idle provider instance(s)", closed);
        }
    }

    /**
     * First phase of shutdown (SIGTERM): new requests get a 503 from here on, readiness turns down, while the
     * HTTP layer waits for in-flight requests (quarkus.shutdown.timeout, set to the grace period).
     */
    void onShutdownInitiated(@Observes ShutdownDelayInitiatedEvent event) {
        Log.infof("Shutdown initiated: refusing new requests; %d in flight", cache.openLeases());
        cache.stopAdmitting();
    }

    /** Last phase of shutdown: waits for any lease still open (bounded by the grace period), then closes all. */
    void onShutdown(@Observes ShutdownEvent event) {
        Log.infof("Closing providers once %d in-flight request(s) end, waiting at most %s", cache.openLeases(),
                config.shutdown().grace());
        cache.drain(config.shutdown().grace());
    }

    /** Whether shutdown has begun. */
    public boolean isDraining() {
        return cache.isDraining();
    }

    /** Leases currently open on a provider. */
    public int leases(String providerId) {
        return cache.leases(providerId);
    }

    /** Whether an instance of the provider is open. */
    public boolean isOpen(String providerId) {
        return cache.isCached(providerId);
    }
}
