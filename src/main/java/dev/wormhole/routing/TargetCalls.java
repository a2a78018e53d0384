package dev.wormhole.routing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.Metered;
import dev.wormhole.core.ModelRef;
import dev.wormhole.core.Usage;
import dev.wormhole.provider.Lease;
import dev.wormhole.provider.Operation;
import dev.wormhole.provider.Provider;
import dev.wormhole.provider.ProviderDirectory;
import dev.wormhole.provider.ProviderGuards;
import dev.wormhole.provider.ProviderRegistry;
import dev.wormhole.telemetry.GenAiCall;
import dev.wormhole.telemetry.Traced;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The calls on one target of a {@link Dispatcher} plan: the provider leased for the call's whole life, every try
 * run under the provider's guards, admitted by its quotas, recorded in the {@link CallTrace} and traced as a span
 * of its own ({@link AttemptSpans}), which is current while the try is sent, so that its {@code traceparent}
 * reaches the upstream.
 */
@ApplicationScoped
class TargetCalls {

    private final RoutePlanner planner;
    private final ProviderRegistry registry;
    private final ProviderGuards guards;
    private final ProviderDirectory directory;
    private final UsageMetrics metrics;
    private final CallAdmission admission;
    private final AttemptSpans spans;

    TargetCalls(RoutePlanner planner, ProviderRegistry registry, ProviderGuards guards, ProviderDirectory directory,
            UsageMetrics metrics, CallAdmission admission, AttemptSpans spans) {
        this.planner = planner;
        this.registry = registry;
        this.guards = guards;
        this.directory = directory;
        this.metrics = metrics;
        this.admission = admission;
        this.spans = spans;
    }

    /**
     * One target under its guards: each try is admitted by the target's provider quotas ({@code usage} reads what
     * it used; null: not counted) and traced; the lease spans every try.
     */
    <T> Uni<T> attempt(ModelRef target, Plan plan, Operation operation, CallTrace trace,
            Function<T, Usage> usage, Function<Provider, Uni<T>> call) {
        return leased(target.provider(), provider -> {
            Runnable done = planner.track(target);
            return guards.call(target.provider(), target.model(), operation, plan.deadline(), plan.hasNext(target),
                    () -> admission.attempt(trace, target, usage, () -> {
                        int attempt = trace.started(target);
                        GenAiCall span = spans.start(trace, target, spanOperation(operation), attempt,
                                isFallback(plan, target));
                        return Traced.within(GenAiCall.traced(span), () -> call.apply(provider))
                                .onItemOrFailure().invoke((item, failure) -> trace.ended(attempt, target, failure))
                                .onTermination().invoke((item, failure, cancelled) -> GenAiCall.end(span, item,
                                        item == null || usage == null ? null : usage.apply(item), failure, cancelled));
                    })).onTermination().invoke(done);
        });
    }

    /**
     * A stream of {@code operation} ({@code chat}, {@code speech}) opened on one target: the lease is held until
     * the stream ends, its span too.
     */
    <E extends Metered> Uni<Multi<E>> openStream(String operation, ModelRef target, Plan plan,
            BiFunction<Provider, ModelRef, Multi<E>> onTarget, CallTrace trace) {
        return Uni.createFrom().deferred(() -> {
            Lease lease = registry.lease(target.provider());
            Runnable done = planner.track(target);
            Duration firstToken = directory.settings(target.provider()).orElseThrow().timeouts().firstToken();
            StreamUsage usage = new StreamUsage(operation, target, metrics, admission.spend(trace, target),
                    trace.caller().name());
            AtomicBoolean handedOver = new AtomicBoolean();
            AtomicReference<GenAiCall> span = new AtomicReference<>();
            Uni<Multi<E>> opened = guards.call(target.provider(), target.model(), Operation.STREAM_OPEN,
                    plan.deadline(), plan.hasNext(target), () -> admission.attemptStream(trace, target, () -> {
                int attempt = trace.started(target);
                GenAiCall tried = spans.start(trace, target, operation, attempt, isFallback(plan, target));
                span.set(tried);
                Multi<E> items = Traced.withinStream(GenAiCall.traced(tried),
                        () -> onTarget.apply(lease.provider(), target));
                return StreamHead.awaitFirst(tried == null ? items : items.onItem().invoke(tried::item))
                        .ifNoItem().after(firstToken).failWith(() -> GatewayException.of(ErrorKind.UPSTREAM_TIMEOUT,
                                "upstream_timeout", "Provider '" + target.provider() + "' sent no first chunk within "
                                        + firstToken + "."))
                        .onItemOrFailure().invoke((stream, failure) -> {
                            trace.ended(attempt, target, failure);
                            if (failure != null) {
                                GenAiCall.end(tried, null, null, failure, false);
                            }
                        });
            }));
            return opened.map(stream -> {
                handedOver.set(true);
                GenAiCall open = span.get();
                return usage.track(stream).onTermination().invoke((failure, cancelled) -> {
                    GenAiCall.end(open, null, usage.used(), failure, cancelled);
                    lease.close();
                    done.run();
                });
            }).onTermination().invoke((stream, failure, cancelled) -> {
                if (!handedOver.get()) {
                    if (cancelled) {
                        GenAiCall.end(span.get(), null, null, null, true);
                    }
                    lease.close();
                    done.run();
                    usage.endedBeforeFirstChunk(failure, cancelled);
                }
            });
        });
    }

    /** {@code call} on the leased provider, the lease closed when the call ends. */
    <T> Uni<T> leased(String providerId, Function<Provider, Uni<T>> call) {
        return Uni.createFrom().deferred(() -> {
            Lease lease = registry.lease(providerId);
            Uni<T> result;
            try {
                result = call.apply(lease.provider());
            } catch (RuntimeException e) {
                lease.close();
                throw e;
            }
            return result.onTermination().invoke(lease::close);
        });
    }

    private static boolean isFallback(Plan plan, ModelRef target) {
        return !plan.targets().get(0).equals(target);
    }

    /** The GenAI operation name of an operation: a stream is a {@code chat}. */
    private static String spanOperation(Operation operation) {
        return switch (operation) {
            case CHAT, STREAM_OPEN -> "chat";
            case COUNT_TOKENS -> "count_tokens";
            default -> operation.label();
        };
    }
}
