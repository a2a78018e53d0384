package dev.wormhole.limit;

import java.util.concurrent.atomic.AtomicLong;

import dev.wormhole.config.LimitsConfig;
import dev.wormhole.state.StateStoreException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.TimeoutException;

/**
 * What a limiter does when the shared state store fails ({@code wormhole.limits.on-store-failure}): each failure is
 * counted in {@code wormhole.state.store.failures} under the limiter's {@code use} tag and logged at most once a
 * minute; under {@code fail-open} this replica keeps its share of the limits in memory ({@link #local()}). Nothing is
 * remembered about the failure: the store is asked again on the next call, so recovery needs nothing.
 */
final class StoreFailurePolicy {

    /** How often a failing store is logged at most. */
    private static final long LOG_INTERVAL_MILLIS = 60_000;

    private final LimitsConfig.StoreFailure policy;
    private final LocalFallback local;
    private final Counter failures;
    private final String what;
    private final AtomicLong lastLogged = new AtomicLong(Long.MIN_VALUE);

    /** A policy for the limits named {@code what} in logs, counted under {@code use}. */
    StoreFailurePolicy(LimitsConfig.StoreFailure policy, int expectedReplicas, MeterRegistry meters, String use,
            String what) {
        this.policy = policy;
        this.local = new LocalFallback(expectedReplicas);
        this.what = what;
        this.failures = Counter.builder("wormhole.state.store.failures")
                .description("State store operations that failed, by what needed them").tag("use", use)
                .register(meters);
    }

    /** Whether {@code failure} is the store's (unreachable, timed out, unusable), which the policy handles. */
    static boolean isStoreFailure(Throwable failure) {
        return failure instanceof StateStoreException || failure instanceof TimeoutException
                || failure instanceof java.util.concurrent.TimeoutException;
    }

    /** Counts and (at most once a minute) logs a failure; true when the call must be refused (fail-closed). */
    boolean failed(Throwable failure) {
        failures.increment();
        long now = System.currentTimeMillis();
        long last = lastLogged.get();
        if (now - last >= LOG_INTERVAL_MILLIS && lastLogged.compareAndSet(last, now)) {
            Log.warnf("The state store failed to check %s (%s); applying wormhole.limits.on-store-failure=%s until "
                    + "it answers again", what, failure.getMessage(), policy.name().toLowerCase().replace('_', '-'));
        }
        return policy == LimitsConfig.StoreFailure.FAIL_CLOSED;
    }

    /** This replica's own windows, for {@code fail-open}. */
    LocalFallback local() {
        return local;
    }
}
