package dev.wormhole.telemetry;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import dev.wormhole.core.GatewayException;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.AbstractMulti;
import io.smallrye.mutiny.operators.AbstractUni;
import io.smallrye.mutiny.subscription.MultiSubscriber;
import io.smallrye.mutiny.subscription.UniSubscriber;

/**
 * A started span and the context it makes: the parent of the spans started under it, and current while the
 * work it measures is subscribed to, so that an upstream request built then carries it in its
 * {@code traceparent}. Ends once, on the first {@link #end}.
 */
public final class Traced {

    private final Span span;
    private final Context context;
    private final AtomicBoolean ended = new AtomicBoolean();

    Traced(Span span, Context context) {
        this.span = span;
        this.context = context;
    }

    /** The span, to add attributes and events to. */
    public Span span() {
        return span;
    }

    /** The context with this span in it. */
    public Context context() {
        return context;
    }

    /** Ends the span: ok, or failed with {@code error.type} (the gateway's error code), or cancelled. */
    public void end(Throwable failure, boolean cancelled) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        if (failure != null) {
            span.setAttribute(GenAiKeys.ERROR_TYPE, errorType(failure));
            span.setStatus(StatusCode.ERROR, failure.getMessage() == null ? "" : failure.getMessage());
        } else if (cancelled) {
            span.setAttribute(GenAiKeys.ERROR_TYPE, "cancelled");
        }
        span.end();
    }

    /** Ends {@code traced} as {@link #end} does, unless it is null (tracing is off). */
    public static void end(Traced traced, Throwable failure, boolean cancelled) {
        if (traced != null) {
            traced.end(failure, cancelled);
        }
    }

    /** The context of {@code traced}, or null when it is null (tracing is off). */
    public static Context context(Traced traced) {
        return traced == null ? null : traced.context;
    }

    /** The gateway's error code of a failure, or its class name. */
    public static String errorType(Throwable failure) {
        if (failure instanceof GatewayException g) {
            return g.code();
        }
        if (failure instanceof CancellationException) {
            return "cancelled";
        }
        return failure.getClass().getName();
    }

    /**
     * The Uni {@code call} makes, made and subscribed to on subscription while {@code traced}'s context is current
     * (as is, lazily, when {@code traced} is null); a failure to make it fails the Uni. Made in the context, not
     * only subscribed: Mutiny's context propagation restores, in each lazy step, the context the step was made in.
     */
    public static <T> Uni<T> within(Traced traced, Supplier<Uni<T>> call) {
        if (traced == null) {
            return Uni.createFrom().deferred(call::get);
        }
        return new AbstractUni<T>() {
            @Override
            public void subscribe(UniSubscriber<? super T> subscriber) {
                try (Scope scope = traced.context.makeCurrent()) {
                    AbstractUni.subscribe(Uni.createFrom().deferred(call::get), subscriber);
                }
            }
        };
    }

    /** As {@link #within(Traced, Supplier)} for a Multi. */
    public static <T> Multi<T> withinStream(Traced traced, Supplier<Multi<T>> call) {
        if (traced == null) {
            return Multi.createFrom().deferred(call::get);
        }
        return new AbstractMulti<T>() {
            @Override
            public void subscribe(MultiSubscriber<? super T> subscriber) {
                try (Scope scope = traced.context.makeCurrent()) {
                    Multi.createFrom().deferred(call::get).subscribe(subscriber);
                }
            }
        };
    }
}
