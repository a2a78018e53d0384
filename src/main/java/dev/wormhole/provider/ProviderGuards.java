package dev.wormhole.provider;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import dev.wormhole.config.ProviderConfig;
import dev.wormhole.config.RetryBudgetConfig;
import dev.wormhole.config.WormholeConfig;
import dev.wormhole.core.Deadline;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;

/**
 * The SmallRye Fault Tolerance guards of the provider path, built programmatically from each provider's
 * configuration. A call runs, outermost first: the provider-wide breaker, the deployment's breaker (provider,
 * model, operation; see {@link Breakers}), a retry with exponential backoff, jitter and {@code Retry-After}
 * per (provider, operation), the provider's bulkhead, then the attempt. The breakers sit outside the retry,
 * so they count what the caller experiences: a call saved by its retry is a success. Only transient faults are
 * retried or counted; a caller's 4xx never is. These guards are the one owner of retries on the path.
 */
@ApplicationScoped
public class ProviderGuards {

    /**
     * The code of an attempt the gateway refused itself, before any I/O, because its own quota of the provider or
     * deployment is used up ({@code wormhole.providers.<id>.limits}).
     */
    public static final String QUOTA_REFUSED = "provider_rate_limited";
    /** The code of an attempt refused because that quota cannot be checked (the state store fails, fail-closed). */
    public static final String QUOTA_UNCHECKED = "provider_limit_store_unavailable";

    private static final TypeLiteral<Uni<Object>> UNI = new TypeLiteral<>() {
    };
    /** The model of calls that concern no model (the provider's model list). */
    private static final String ANY_MODEL = "*";

    private final WormholeConfig config;
    private final MeterRegistry meters;
    private final Breakers breakers;
    private final Map<String, Guard> retries = new ConcurrentHashMap<>();
    private final Map<String, Guard> bulkheads = new ConcurrentHashMap<>();
    private final Map<String, RetryBudget> budgets = new ConcurrentHashMap<>();

    ProviderGuards(WormholeConfig config, MeterRegistry meters) {
        this.config = config;
        this.meters = meters;
        this.breakers = new Breakers(meters);
    }

    /** A call that concerns no model and has no deadline of its own (the provider's model list). */
    public <T> Uni<T> call(String providerId, Operation operation, Supplier<Uni<T>> attempt) {
        return call(providerId, ANY_MODEL, operation, null, false, attempt);
    }

    /**
     * Runs {@code attempt} under the guards of a deployment: {@code attempt} is called once per try. Cancelling
     * the result cancels the attempt in flight and abandons any retry still waiting. No attempt starts after
     * {@code deadline}, and no retry whose backoff could not end before it. An open breaker or a full bulkhead
     * fails with a 503 that carries a {@code Retry-After}.
     *
     * @param deadline    the request's deadline, or null for none
     * @param canFailOver whether the request has another target: a timed-out attempt then fails over instead
     *                    of being retried on the target that stalled
     */
    @SuppressWarnings("unchecked")
    public <T> Uni<T> call(String providerId, String model, Operation operation, Deadline deadline,
            boolean canFailOver, Supplier<Uni<T>> attempt) {
        return Uni.createFrom().deferred(() -> {
            ProviderConfig provider = providerConfig(providerId);
            GuardedAttempts attempts = new GuardedAttempts(deadline, canFailOver, provider.retry());
            budget(providerId).recordCall();
            Guard retry = retry(providerId, operation, provider);
            Guard bulkhead = bulkhead(providerId, provider);
            Guard deployment = breakers.deployment(providerId, model, operation, provider.circuitBreaker());
            Supplier<Uni<Object>> bounded = () -> bulkhead.get(() -> (Uni<Object>) (Uni<?>) attempts.run(attempt), UNI);
            Supplier<Uni<Object>> retried = () -> retry.get(bounded, UNI).onFailure().transform(GuardedAttempts::unwrap);
            Supplier<Uni<Object>> perModel = () -> deployment.get(retried, UNI)
                    .onFailure(CircuitBreakerOpenException.class)
                    .transform(open -> deploymentOpen(providerId, model, operation, provider));
            Uni<T> guarded = (Uni<T>) (Uni<?>) breakers.provider(providerId, provider.circuitBreaker()).get(perModel, UNI);
            return guarded.onFailure().transform(failure -> translate(providerId, failure))
                    .onCancellation().invoke(attempts::cancel);
        });
    }

    /** The worst breaker state of a provider's operation: its provider-wide breaker or any model's. */
    public CircuitBreakerState state(String providerId, Operation operation) {
        CircuitBreakerState provider = breakers.providerState(providerId);
        CircuitBreakerState models = breakers.worstState(providerId, operation);
        return provider.compareTo(models) >= 0 ? provider : models;
    }

    /** The state of the breaker that guards one model of a provider for one operation. */
    public CircuitBreakerState state(String providerId, String model, Operation operation) {
        return breakers.deploymentState(providerId, model, operation);
    }

    /** The state of a provider's provider-wide breaker. */
    public CircuitBreakerState providerState(String providerId) {
        return breakers.providerState(providerId);
    }

    /** A provider's models whose breaker is not closed, as {@code provider/model operation state}. */
    public List<String> openDeployments(String providerId, int max) {
        return breakers.notClosed(providerId, max);
    }

    /** Whether calls to a model of a provider for this operation are currently rejected by a breaker. */
    public boolean isOpen(String providerId, String model, Operation operation) {
        return breakers.providerState(providerId) == CircuitBreakerState.OPEN
                || breakers.deploymentState(providerId, model, operation) == CircuitBreakerState.OPEN;
    }

    /** Closes every breaker (tests and operators). */
    public void resetAll() {
        breakers.resetAll();
    }

    /**
     * Whether a failure is transient: worth a retry, a breaker count, and a failover. The gateway's own quota
     * refusals are not: the target was not called, so it is neither retried at once nor blamed; the plan fails over.
     */
    public static boolean isTransient(Throwable failure) {
        return failure instanceof GatewayException g && g.kind().retryable() && !isQuotaRefusal(g);
    }

    /** Whether a failure is the gateway's own refusal of an attempt for a provider quota. */
    public static boolean isQuotaRefusal(Throwable failure) {
        return failure instanceof GatewayException g
                && (QUOTA_REFUSED.equals(g.code()) || QUOTA_UNCHECKED.equals(g.code()));
    }

    private Guard retry(String providerId, Operation operation, ProviderConfig provider) {
        return retries.computeIfAbsent(providerId + "/" + operation.label(), name -> {
            Duration initial = provider.retry().delay();
            Duration max = provider.retry().maxDelay();
            Duration cap = provider.retry().maxRetryAfter();
            RetryBudget budget = budget(providerId);
            Counter retried = Counter.builder("wormhole.upstream.retries").description("Retries of upstream calls")
                    .tags("provider", providerId, "operation", operation.label()).register(meters);
            return Guard.create()
                    .withDescription("provider " + name + " retry")
                    .withRetry()
                        .maxRetries(provider.retry().maxRetries())
                        .delay(initial.toMillis(), ChronoUnit.MILLIS)
                        .jitter(provider.retry().jitter().toMillis(), ChronoUnit.MILLIS)
                        .maxDuration(Math.max(initial.toMillis() + 1, provider.totalTimeout().toMillis()), ChronoUnit.MILLIS)
                        .whenException(failure -> isTransient(failure) && withinCap(failure, cap) && budget.tryRetry())
                        .withCustomBackoff().strategy(() -> new Backoff(initial, max)).done()
                        .onRetry(retried::increment)
                        .done()
                    .withThreadOffload(false)
                    .build();
        });
    }

    private Guard bulkhead(String providerId, ProviderConfig provider) {
        return bulkheads.computeIfAbsent(providerId, id -> {
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
        RetryBudgetConfig budget = config.retryBudget();
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

    private static GatewayException deploymentOpen(String providerId, String model, Operation operation,
            ProviderConfig provider) {
        String what = ANY_MODEL.equals(model) ? "" : " of model '" + model + "'";
        return GatewayException.of(ErrorKind.UNAVAILABLE, "circuit_open", "Provider '" + providerId + "' is failing: "
                + "its circuit breaker for " + operation.label() + what + " is open; retry later.")
                .withRetryAfter(provider.circuitBreaker().delay());
    }

    private GatewayException translate(String providerId, Throwable failure) {
        if (failure instanceof CircuitBreakerOpenException) {
            return GatewayException.of(ErrorKind.UNAVAILABLE, "circuit_open", "Provider '" + providerId
                    + "' is unreachable or rejecting the gateway: its circuit breaker is open; retry later.")
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
}
