package dev.wormhole.state;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/** Readiness: down while the state store does not answer (Redis unreachable or slower than its timeout). */
@Readiness
@ApplicationScoped
public class StateStoreReadiness implements AsyncHealthCheck {

    private final StateStore store;

    StateStoreReadiness(StateStore store) {
        this.store = store;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return store.ping()
                .map(ignored -> HealthCheckResponse.named("state-store").up().withData("store", store.describe()).build())
                .onFailure().recoverWithItem(e -> HealthCheckResponse.named("state-store").down()
                        .withData("store", store.describe())
                        .withData("error", e instanceof StateStoreException ? e.getMessage() : e.getClass().getSimpleName())
                        .build());
    }
}
