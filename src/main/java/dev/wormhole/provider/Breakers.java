package dev.wormhole.provider;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import dev.wormhole.config.CircuitBreakerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;

/**
 * The circuit breakers of the provider path, scoped to what fails together. A deployment (provider, model,
 * operation) has its own breaker, which counts the transient faults of that model alone; a provider has one
 * more, which counts only the faults no model escapes (unreachable, TLS, the provider rejecting the gateway's
 * key). Both see a call's outcome after its retries, so an upstream whose retries succeed never trips one.
 * <p>
 * Provider breakers are named ({@code provider/<id>}) and live as long as the gateway. Deployment breakers are
 * created on first use, unnamed (SmallRye keeps named breakers forever, and model names come from clients),
 * and their number is bounded: past {@link #MAX_DEPLOYMENTS} the least recently used closed one is dropped.
 */
final class Breakers {

    static final int MAX_DEPLOYMENTS = 4096;

    private final MeterRegistry meters;
    private final Map<String, Guard> providers = new ConcurrentHashMap<>();
    private final Map<String, Deployment> deployments = new LinkedHashMap<>(64, 0.75f, true);
    private final Map<String, Boolean> gauges = new ConcurrentHashMap<>();

    Breakers(MeterRegistry meters) {
        this.meters = meters;
    }

    /** A deployment's breaker, and what it knows of its state. */
    private static final class Deployment {
        final String provider;
        final Operation operation;
        final Guard guard;
        volatile CircuitBreakerState state = CircuitBreakerState.CLOSED;

        Deployment(String provider, Operation operation, String key, CircuitBreakerConfig config) {
            this.provider = provider;
            this.operation = operation;
            this.guard = configure(Guard.create().withDescription("deployment " + key), config,
                    f -> ProviderGuards.isTransient(f) && !UpstreamFailures.isProviderWide(f))
                    .onStateChange(s -> state = s).done().withThreadOffload(false).build();
        }
    }

    /** The provider-wide breaker of {@code providerId}. */
    Guard provider(String providerId, CircuitBreakerConfig config) {
        return providers.computeIfAbsent(providerId, id -> {
            Gauge.builder("wormhole.provider.breaker.state", () -> code(providerState(id)))
                    .description("Provider-wide circuit breaker state: 0 closed, 1 half-open, 2 open")
                    .tag("provider", id).register(meters);
            return configure(Guard.create().withDescription("provider " + id), config,
                    UpstreamFailures::isProviderWide).name(providerName(id)).done().withThreadOffload(false).build();
        });
    }

    /** The breaker of one deployment: a model of a provider, for one operation. */
    Guard deployment(String providerId, String model, Operation operation, CircuitBreakerConfig config) {
        String key = key(providerId, model, operation);
        Deployment deployment;
        synchronized (deployments) {
            deployment = deployments.get(key);
            if (deployment == null) {
                deployment = new Deployment(providerId, operation, key, config);
                deployments.put(key, deployment);
                evictBeyondBound();
            }
        }
        registerGauge(providerId, operation);
        return deployment.guard;
    }

    private static Guard.Builder.CircuitBreakerBuilder configure(Guard.Builder builder, CircuitBreakerConfig config,
            Predicate<Throwable> counts) {
        return builder.withCircuitBreaker()
                .requestVolumeThreshold(config.requestVolume())
                .failureRatio(config.failureRatio())
                .delay(config.delay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(config.successThreshold())
                .when(counts);
    }

    private void evictBeyondBound() {
        if (deployments.size() <= MAX_DEPLOYMENTS) {
            return;
        }
        Iterator<Deployment> eldestFirst = deployments.values().iterator();
        while (eldestFirst.hasNext()) {
            if (eldestFirst.next().state == CircuitBreakerState.CLOSED) {
                eldestFirst.remove();
                return;
            }
        }
        deployments.remove(deployments.keySet().iterator().next());
    }

    /** The provider-wide breaker's state (closed until its first call). */
    CircuitBreakerState providerState(String providerId) {
        return providers.containsKey(providerId)
                ? CircuitBreakerMaintenance.get().currentState(providerName(providerId))
                : CircuitBreakerState.CLOSED;
    }

    /** A deployment breaker's state (closed until its first call). */
    CircuitBreakerState deploymentState(String providerId, String model, Operation operation) {
        synchronized (deployments) {
            Deployment deployment = deployments.get(key(providerId, model, operation));
            return deployment == null ? CircuitBreakerState.CLOSED : deployment.state;
        }
    }

    /** The worst state among a provider's deployment breakers of one operation. */
    CircuitBreakerState worstState(String providerId, Operation operation) {
        CircuitBreakerState worst = CircuitBreakerState.CLOSED;
        synchronized (deployments) {
            for (Deployment d : deployments.values()) {
                if (d.provider.equals(providerId) && d.operation == operation && d.state.compareTo(worst) > 0) {
                    worst = d.state;
                }
            }
        }
        return worst;
    }

    /** The models of a provider whose breaker is not closed, as {@code operation model state}, at most {@code max}. */
    List<String> notClosed(String providerId, int max) {
        List<String> found = new ArrayList<>();
        synchronized (deployments) {
            for (Map.Entry<String, Deployment> e : deployments.entrySet()) {
                Deployment d = e.getValue();
                if (d.provider.equals(providerId) && d.state != CircuitBreakerState.CLOSED && found.size() < max) {
                    found.add(e.getKey() + " " + d.state.name().toLowerCase().replace('_', '-'));
                }
            }
        }
        return found;
    }

    /** How many deployment breakers are kept. */
    int deploymentCount() {
        synchronized (deployments) {
            return deployments.size();
        }
    }

    /** Closes every breaker: provider breakers are reset, deployment breakers forgotten. */
    void resetAll() {
        providers.keySet().forEach(id -> CircuitBreakerMaintenance.get().reset(providerName(id)));
        synchronized (deployments) {
            deployments.clear();
        }
    }

    private void registerGauge(String providerId, Operation operation) {
        gauges.computeIfAbsent(providerId + "/" + operation.label(), k -> {
            Gauge.builder("wormhole.breaker.state", () -> code(worstState(providerId, operation)))
                    .description("Worst circuit breaker state among the provider's models for the operation: "
                            + "0 closed, 1 half-open, 2 open")
                    .tags("provider", providerId, "operation", operation.label()).register(meters);
            return Boolean.TRUE;
        });
    }

    private static int code(CircuitBreakerState state) {
        return switch (state) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        };
    }

    private static String providerName(String providerId) {
        return "provider/" + providerId;
    }

    private static String key(String providerId, String model, Operation operation) {
        return providerId + "/" + model + " " + operation.label();
    }
}
