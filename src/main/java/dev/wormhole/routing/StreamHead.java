package dev.wormhole.routing;

import java.util.concurrent.Flow;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.Subscriptions;
import io.smallrye.mutiny.subscription.MultiSubscriber;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * Splits a stream at its first item: the returned Uni completes once the first item has arrived (or fails
 * if the stream fails first), with a Multi that replays that item and then continues the same upstream
 * subscription. This is what lets the gateway answer a failure before the first chunk as a plain HTTP
 * error and commit to {@code 200 text/event-stream} only once there is something to send.
 *
 * <p>Cancelling the Uni before it delivered, or the Multi at any time, cancels the upstream. The Multi
 * accepts one subscriber. Signals to that subscriber are serialized: the first item is delivered by the
 * first {@code request}, and upstream demand is only raised once it has been.
 */
public final class StreamHead {

    private StreamHead() {
    }

    /** The stream, once its first item is in hand. */
    public static <T> Uni<Multi<T>> awaitFirst(Multi<T> source) {
        return Uni.createFrom().deferred(() -> {
            Gate<T> gate = new Gate<>();
            return Uni.createFrom().<Multi<T>> emitter(emitter -> {
                gate.emitter = emitter;
                source.subscribe().withSubscriber(gate);
            }).onCancellation().invoke(gate::cancel);
        });
    }

    private static final class Gate<T> implements MultiSubscriber<T>, Flow.Subscription {
        private static final Object COMPLETED = new Object();

        volatile UniEmitter<? super Multi<T>> emitter;
        private Flow.Subscription upstream;
        private Flow.Subscriber<? super T> downstream;
        private T first;
        private boolean handedOff;
        private boolean delivering;
        private boolean firstDelivered;
        private boolean cancelled;
        private long pendingDemand;
        private Object pendingTerminal;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            boolean cancel;
            synchronized (this) {
                upstream = subscription;
                cancel = cancelled;
            }
            if (cancel) {
                subscription.cancel();
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onItem(T item) {
            Flow.Subscriber<? super T> target;
            synchronized (this) {
                if (cancelled) {
                    return;
                }
                if (!handedOff) {
                    handedOff = true;
                    first = item;
                    target = null;
                } else {
                    target = downstream;
                }
            }
            if (target == null) {
                Flow.Publisher<T> tail = this::subscribeTail;
                emitter.complete(Multi.createFrom().publisher(tail));
            } else {
                target.onNext(item);
            }
        }

        @Override
        public void onFailure(Throwable failure) {
            terminate(failure);
        }

        @Override
        public void onCompletion() {
            terminate(COMPLETED);
        }

        private void terminate(Object signal) {
            boolean beforeHandOff;
            boolean deliverNow = false;
            synchronized (this) {
                if (cancelled) {
                    return;
                }
                beforeHandOff = !handedOff;
                if (beforeHandOff) {
                    handedOff = true;
                } else if (firstDelivered && !delivering) {
                    deliverNow = true;
                } else {
                    pendingTerminal = signal;
                }
            }
            if (beforeHandOff) {
                if (signal == COMPLETED) {
                    emitter.complete(Multi.createFrom().empty());
                } else {
                    emitter.fail((Throwable) signal);
                }
            } else if (deliverNow) {
                deliver(signal);
            }
        }

        private void deliver(Object terminal) {
            if (terminal == COMPLETED) {
                downstream.onComplete();
            } else {
                downstream.onError((Throwable) terminal);
            }
        }

        private void subscribeTail(Flow.Subscriber<? super T> subscriber) {
            boolean accepted;
            synchronized (this) {
                accepted = downstream == null && !cancelled;
                if (accepted) {
                    downstream = subscriber;
                }
            }
            if (!accepted) {
                Subscriptions.fail(subscriber, new IllegalStateException("This stream accepts a single subscriber"));
                return;
            }
            subscriber.onSubscribe(this);
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                cancel();
                downstream.onError(Subscriptions.getInvalidRequestException());
                return;
            }
            T item = null;
            long forward = 0;
            synchronized (this) {
                if (cancelled) {
                    return;
                }
                if (firstDelivered) {
                    forward = n;
                } else if (delivering) {
                    pendingDemand = Subscriptions.add(pendingDemand, n);
                    return;
                } else {
                    delivering = true;
                    item = first;
                    first = null;
                    forward = n - 1;
                }
            }
            if (item != null) {
                downstream.onNext(item);
                Object terminal;
                synchronized (this) {
                    delivering = false;
                    firstDelivered = true;
                    forward = Subscriptions.add(forward, pendingDemand);
                    pendingDemand = 0;
                    terminal = pendingTerminal;
                    pendingTerminal = null;
                }
                if (terminal != null) {
                    deliver(terminal);
                    return;
                }
            }
            if (forward > 0) {
                upstream.request(forward);
            }
        }

        /** Cancels the upstream, whether the Uni was cancelled before delivering or the tail was cancelled. */
        @Override
        public void cancel() {
            Flow.Subscription toCancel;
            synchronized (this) {
                if (cancelled) {
                    return;
                }
                cancelled = true;
                first = null;
                toCancel = upstream;
            }
            if (toCancel != null) {
                toCancel.cancel();
            }
        }
    }
}
