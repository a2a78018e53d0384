package dev.wormhole.provider;

import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Makes one guarded call cancellable. SmallRye Fault Tolerance does not pass a subscriber's cancellation on
 * to the attempt in flight, nor does it abandon a retry waiting for its backoff. This token does both: on
 * cancel, the running attempt's subscription is cancelled (which resets its upstream request) and failed
 * with a {@link CancellationException}, which no guard counts or retries; every later attempt fails the same
 * way before any I/O.
 */
final class GuardedAttempts {

    private volatile boolean cancelled;
    private volatile Runnable cancelCurrent;

    /** The next attempt, or an immediate cancellation if the call was cancelled meanwhile. */
    <T> Uni<T> run(Supplier<Uni<T>> attempt) {
        if (cancelled) {
            return Uni.createFrom().failure(cancellation());
        }
        return Uni.createFrom().emitter(emitter -> {
            Cancellable subscription = attempt.get().subscribe().with(emitter::complete, emitter::fail);
            cancelCurrent = () -> {
                subscription.cancel();
                emitter.fail(cancellation());
            };
            if (cancelled) {
                cancelCurrent.run();
            }
        });
    }

    void cancel() {
        cancelled = true;
        Runnable current = cancelCurrent;
        if (current != null) {
            current.run();
        }
    }

    private static CancellationException cancellation() {
        return new CancellationException("The caller cancelled the request");
    }
}
