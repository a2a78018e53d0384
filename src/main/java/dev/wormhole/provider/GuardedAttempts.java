package dev.wormhole.provider;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

import dev.wormhole.config.RetryConfig;
import dev.wormhole.core.Deadline;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * The attempts of one guarded call. SmallRye Fault Tolerance does not pass a subscriber's cancellation on to
 * the attempt in flight, nor does it abandon a retry waiting for its backoff, nor does it know the request's
 * deadline. This object does all three:
 * <ul>
 * <li>on cancel, the running attempt's subscription is cancelled (which resets its upstream request) and failed
 * with a {@link CancellationException}, which no guard counts or retries; every later attempt fails the same
 * way before any I/O;</li>
 * <li>no attempt starts once the deadline has passed;</li>
 * <li>a transient failure is made final (not retried) when the backoff before the next attempt could not end
 * before the deadline, or when it is a timeout and the request has another target to fail over to, which is
 * both faster and more likely to answer than the target that just stalled.</li>
 * </ul>
 */
final class GuardedAttempts {

    private final Deadline deadline;
    private final boolean canFailOver;
    private final long initialDelayMillis;
    private final long maxDelayMillis;
    private volatile boolean cancelled;
    private volatile Runnable cancelCurrent;
    private int started;

    GuardedAttempts(Deadline deadline, boolean canFailOver, RetryConfig retry) {
        this.deadline = deadline;
        this.canFailOver = canFailOver;
        this.initialDelayMillis = retry.delay().toMillis();
        this.maxDelayMillis = retry.maxDelay().toMillis();
    }

    /** The next attempt, or an immediate failure if the call was cancelled or its deadline passed meanwhile. */
    <T> Uni<T> run(Supplier<Uni<T>> attempt) {
        if (cancelled) {
            return Uni.createFrom().failure(cancellation());
        }
        if (deadline != null && deadline.expired()) {
            return Uni.createFrom().failure(new Final(deadline.exceeded("")));
        }
        int retriesSoFar = started++;
        Uni<T> guarded = Uni.createFrom().emitter(emitter -> {
            Cancellable subscription = attempt.get().subscribe().with(emitter::complete, emitter::fail);
            cancelCurrent = () -> {
                subscription.cancel();
                emitter.fail(cancellation());
            };
            if (cancelled) {
                cancelCurrent.run();
            }
        });
        return guarded.onFailure().transform(failure -> isFinal(failure, retriesSoFar) ? new Final(failure) : failure);
    }

    void cancel() {
        cancelled = true;
        Runnable current = cancelCurrent;
        if (current != null) {
            current.run();
        }
    }

    private boolean isFinal(Throwable failure, int retriesSoFar) {
        if (!ProviderGuards.isTransient(failure)) {
            return false;
        }
        if (canFailOver && ((GatewayException) failure).kind() == ErrorKind.UPSTREAM_TIMEOUT) {
            return true;
        }
        return deadline != null && !deadline.fits(Duration.ofMillis(
                Backoff.delay(initialDelayMillis, maxDelayMillis, retriesSoFar, failure)));
    }

    /** The failure a {@link Final} carries, or {@code failure} itself. */
    static Throwable unwrap(Throwable failure) {
        return failure instanceof Final last ? last.getCause() : failure;
    }

    private static CancellationException cancellation() {
        return new CancellationException("The caller cancelled the request");
    }

    /**
     * A failure not to be retried: being no {@link GatewayException}, no retry predicate matches it. It is
     * unwrapped between the retry and the breakers, which see the failure itself.
     */
    static final class Final extends RuntimeException {
        Final(Throwable failure) {
            super(failure.getMessage(), failure, false, false);
        }
    }
}
