package dev.wormhole.provider;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: down while draining for shutdown; the detail lists each available provider with whether an
 * instance is open and how many requests hold it.
 */
@Readiness
@ApplicationScoped
public class ProviderReadiness implements HealthCheck {

    private final ProviderDirectory directory;
    private final ProviderRegistry registry;

    ProviderReadiness(ProviderDirectory directory, ProviderRegistry registry) {
        this.directory = directory;
        this.registry = registry;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("providers").status(!registry.isDraining());
        builder.withData("default", directory.defaultProvider().orElse("none"));
        for (String id : directory.ids()) {
            String state = registry.isOpen(id) ? "open, " + registry.leases(id) + " in flight" : "idle (not instantiated)";
            builder.withData(id, directory.settings(id).map(s -> s.dialect().name().toLowerCase()).orElse("?") + ", "
                    + state);
        }
        return builder.build();
    }
}
