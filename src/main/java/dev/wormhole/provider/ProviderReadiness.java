package dev.wormhole.provider;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * Readiness: down while draining for shutdown; the detail lists each available provider with whether an
 * instance is open, how many requests hold it, and any circuit breaker that is not closed (the provider-wide
 * one, and those of its models). An open breaker
 * does not make the gateway unready: other providers, and fallbacks, still serve.
 */
@Readiness
@ApplicationScoped
public class ProviderReadiness implements HealthCheck {

    /** Breakers listed per provider; a model name is client input, so the list is bounded. */
    private static final int MAX_LISTED_BREAKERS = 10;

    private final ProviderDirectory directory;
    private final ProviderRegistry registry;
    private final ProviderGuards guards;

    ProviderReadiness(ProviderDirectory directory, ProviderRegistry registry, ProviderGuards guards) {
        this.directory = directory;
        this.registry = registry;
        this.guards = guards;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("providers").status(!registry.isDraining());
        builder.withData("default", directory.defaultProvider().orElse("none"));
        for (String id : directory.ids()) {
            String state = registry.isOpen(id) ? "open, " + registry.leases(id) + " in flight" : "idle (not instantiated)";
            StringBuilder breakers = new StringBuilder();
            CircuitBreakerState providerWide = guards.providerState(id);
            if (providerWide != CircuitBreakerState.CLOSED) {
                breakers.append(", provider breaker ").append(providerWide.name().toLowerCase().replace('_', '-'));
            }
            for (String deployment : guards.openDeployments(id, MAX_LISTED_BREAKERS)) {
                breakers.append(", breaker ").append(deployment);
            }
            builder.withData(id, directory.settings(id).map(s -> s.dialect().name().toLowerCase()).orElse("?") + ", "
                    + state + breakers);
        }
        return builder.build();
    }
}
