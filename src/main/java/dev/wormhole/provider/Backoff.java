package dev.wormhole.provider;

import java.time.Duration;

import dev.wormhole.core.GatewayException;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;

/**
 * Exponential backoff that waits at least as long as the upstream asked ({@code Retry-After}). One instance
 * serves one guarded call; {@link #delay} is also what a call consults to see whether its next retry can still
 * end before the request's deadline.
 */
final class Backoff implements CustomBackoffStrategy {

    private final long initialMillis;
    private final long maxMillis;
    private int retries;

    Backoff(Duration initial, Duration max) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
    }

    @Override
    public long nextDelayInMillis(Throwable failure) {
        return delay(initialMillis, maxMillis, retries++, failure);
    }

    /** The wait before retry number {@code retriesSoFar + 1} after {@code failure}, jitter aside. */
    static long delay(long initialMillis, long maxMillis, int retriesSoFar, Throwable failure) {
        long exponential = Math.min(maxMillis, initialMillis << Math.min(20, retriesSoFar));
        long asked = failure instanceof GatewayException g ? g.retryAfter().map(Duration::toMillis).orElse(0L) : 0;
        return Math.max(exponential, asked);
    }
}
