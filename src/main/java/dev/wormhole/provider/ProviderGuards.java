package dev.wormhole.provider;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import dev.wormhole.config.ProviderConfig;
import dev.wormhole.config.WormholeConfig;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;

/**
 * The SmallRye Fault Tolerance guards of the provider path, built programmatically from each provider's
 * configuration: per (provider, operation) a retry with exponential backoff, jitter and {@code Retry-After},
 * and a named circuit breaker; per provider a bulkhead and a retry budget. Only transient faults are retried
 * or counted by a breaker; a caller's 4xx never is. These guards are the one owner of retries on the path.
 */
@ApplicationScoped
public class ProviderGuards {

    private static final TypeLiteral<Uni<Object>> UNI = new TypeLiteral<>() {
    };

    private final WormholeConfig config;
    private final MeterRegistry meters;
    private final Map<String, Guard> guards = new ConcurrentHashMap<>();
    private final Map<String, Guard> bulkheads = new ConcurrentHashMap<>();
    private final Map<String, RetryBudget> budgets = new ConcurrentHashMap<>();

    ProviderGuards(WormholeConfig config, MeterRegistry meters) {
        this.config = config;
        this.meters = meters;
    }

    /**
     * Runs {@code attempt} under the provider's guards for this operation: {@code attempt} is called once per
     * try. Cancelling the result cancels the attempt in flight and abandons any retry still waiting. An open
     * breaker or a full bulkhead fails with a 503 that carries a {@code Retry-After}.
     */
    @SuppressWarnings("unchecked")
    public <T> Uni<T> call(String providerId, Operation operation, Supplier<Uni<T>> attempt) {
        return Uni.createFrom().deferred(() -> {
            GuardedAttempts attempts = new GuardedAttempts();
            budget(providerId).recordCall();
            Guard guard = guard(providerId, operation);
            Guard bulkhead = bulkhead(providerId);
            Supplier<Uni<Object>> bounded = () -> bulkhead.get(() -> (Uni<Object>) (Uni<?>) attempts.run(attempt), UNI);
            Uni<T> guarded = (Uni<T>) (Uni<?>) guard.get(bounded, UNI);
            return guarded.onFailure().transform(failure -> translate(providerId, operation, failure))
                    .onCancellation().invoke(attempts::cancel);
        });
    }

    /** The breaker state of a provider's operation (closed until its first call). */
    public CircuitBreakerState state(String providerId, Operation operation) {
        if (!guards.containsKey(key(providerId, operation))) {
            return CircuitBreakerState.CLOSED;
        }
        return CircuitBreakerMaintenance.get().currentState(key(providerId, operation));
    }

    /** Whether a provider's breaker for this operation currently rejects calls. */
    public boolean isOpen(String providerId, Operation operation) {
        return state(providerId, operation) == CircuitBreakerState.OPEN;
    }

    /** Closes every breaker (tests and operators). */
    public void resetAll() {
        guards.keySet().forEach(name -> CircuitBreakerMaintenance.get().reset(name));
    }

    /** Whether a failure is transient: worth a retry, a breaker count, and a failover. */
    public static boolean isTransient(Throwable failure) {
        return failure instanceof GatewayException g && g.kind().retryable();
    }

    private Guard guard(String providerId, Operation operation) {
        return guards.computeIfAbsent(key(providerId, operation), name -> {
            ProviderConfig provider = providerConfig(providerId);
            Duration initial = provider.retry().delay();
            Duration max = provider.retry().maxDelay();
            Duration cap = provider.retry().maxRetryAfter();
            RetryBudget budget = budget(providerId);
            Guard guard = Guard.create()
                    .withDescription("provider " + name)
                    .withRetry()
                        .maxRetries(provider.retry().maxRetries())
                        .delay(initial.toMillis(), ChronoUnit.MILLIS)
                        .jitter(provider.retry().jitter().toMillis(), ChronoUnit.MILLIS)
                        .maxDuration(Math.max(initial.toMillis() + 1, provider.totalTimeout().toMillis()), ChronoUnit.MILLIS)
                        .whenException(failure -> isTransient(failure) && withinCap(failure, cap) && budget.tryRetry())
                        .withCustomBackoff().strategy(() -> new Backoff(initial, max)).done()
                        .onRetry(() -> Counter.builder("wormhole.upstream.retries").description("Retries of upstream calls")
                                .tags("provider", providerId, "operation", operation.label()).register(meters).increment())
                        .done()
                    .withCircuitBreaker()
                        .name(name)
                        .requestVolumeThreshold(provider.circuitBreaker().requestVolume())
                        .failureRatio(provider.circuitBreaker().failureRatio())
                        .delay(provider.circuitBreaker().delay().toMillis(), ChronoUnit.MILLIS)
                        .successThreshold(provider.circuitBreaker().successThreshold())
                        .when(ProviderGuards::isTransient)
                        .done()
                    .withThreadOffload(false)
                    .build();
            Gauge.builder("wormhole.breaker.state", () -> switch (state(providerId, operation)) {
                case CLOSED -> 0;
                case HALF_OPEN -> 1;
                case OPEN -> 2;
            }).description("Circuit breaker state: 0 closed, 1 half-open, 2 open")
                    .tags("provider", providerId, "operation", operation.label()).register(meters);
            return guard;
        });
    }

    private Guard bulkhead(String providerId) {
        return bulkheads.computeIfAbsent(providerId, id -> {
            ProviderConfig provider = providerConfig(id);
            Counter rejections = Counter.builder("wormhole.bulkhead.rejections")
                    .description("Upstream calls rejected because the provider's bulkhead and queue were full")
                    .tag("provider", id).register(meters);
            return Guard.create().withDescription("provider " + id + " bulkhead")
                    .withBulkhead()
                        .limit(provider.bulkhead().maxConcurrent())
                        .queueSize(provider.bulkhead().queue())
                        .onRejected(rejections::increment)
                        .done()
                    .withThreadOffload(false)
                    .build();
        });
    }

    private RetryBudget budget(String providerId) {
        WormholeConfig.RetryBudget budget = config.retryBudget();
        return budgets.computeIfAbsent(providerId,
                id -> new RetryBudget(budget.ratio(), budget.window(), budget.minRetries(), System::nanoTime));
    }

    private ProviderConfig providerConfig(String providerId) {
        ProviderConfig provider = config.providers().get(providerId);
        if (provider == null) {
            throw GatewayException.of(ErrorKind.NOT_FOUND, "provider_not_found",
                    "No provider '" + providerId + "' is configured.");
        }
        return provider;
    }

    private GatewayException translate(String providerId, Operation operation, Throwable failure) {
        if (failure instanceof CircuitBreakerOpenException) {
            return GatewayException.of(ErrorKind.UNAVAILABLE, "circuit_open", "Provider '" + providerId
                    + "' is failing: its circuit breaker for " + operation.label() + " is open; retry later.")
                    .withRetryAfter(providerConfig(providerId).circuitBreaker().delay());
        }
        if (failure instanceof BulkheadException) {
            return GatewayException.of(ErrorKind.UNAVAILABLE, "provider_busy", "Provider '" + providerId
                    + "' has too many requests in flight through this gateway; retry shortly.")
                    .withRetryAfter(Duration.ofSeconds(1));
        }
        return UpstreamFailures.fromThrowable(providerId, failure);
    }

    private static boolean withinCap(Throwable failure, Duration cap) {
        return !(failure instanceof GatewayException g) || g.retryAfter().map(d -> d.compareTo(cap) <= 0).orElse(true);
    }

    private static String key(String providerId, Operation operation) {
        return providerId + "/" + operation.label();
    }

    /** Exponential backoff that waits at least as long as the upstream asked ({@code Retry-After}). */
    private static final class Backoff implements CustomBackoffStrategy {
        private final long initialMillis;
        private final long maxMillis;
        private int retries;

        Backoff(Duration initial, Duration max) {
            this.initialMillis = initial.toMillis();
            this.maxMillis = max.toMillis();
        }

        @Override
        public long nextDelayInMillis(Throwable failure) {
            long exponential = Math.min(maxMillis, initialMillis << Math.min(20, retries++));
            long asked = failure instanceof GatewayException g ? g.retryAfter().map(Duration::toMillis).orElse(0L) : 0;
            return Math.max(exponential, asked);
        }
    }
}
