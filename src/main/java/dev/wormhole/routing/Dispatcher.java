package dev.wormhole.routing;

import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.config.WormholeConfig;
import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.ChatResult;
import dev.wormhole.core.Deadline;
import dev.wormhole.core.EmbeddingRequest;
import dev.wormhole.core.EmbeddingResult;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.Metered;
import dev.wormhole.core.ModelInfo;
import dev.wormhole.core.ModelRef;
import dev.wormhole.core.Usage;
import dev.wormhole.limit.Permit;
import dev.wormhole.limit.TokenDemand;
import dev.wormhole.provider.EmbeddingProvider;
import dev.wormhole.provider.NativeApi;
import dev.wormhole.provider.NativeProvider;
import dev.wormhole.provider.Operation;
import dev.wormhole.provider.Provider;
import dev.wormhole.provider.ProviderDirectory;
import dev.wormhole.provider.ProviderGuards;
import dev.wormhole.usage.Spending;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Runs a request against its targets: plans them ({@link RoutePlanner}), and for each in turn leases the
 * provider, runs the call under the provider's guards (retries, breakers, bulkhead), and on a failure that
 * another target may not share fails over to the next, all within the request's one deadline. A stream fails
 * over only before its first delta.
 * Every attempt is recorded in the request's {@link CallTrace}. Every method is lazy and cancellable.
 */
@ApplicationScoped
public class Dispatcher {

    private final RoutePlanner planner;
    private final ProviderGuards guards;
    private final ProviderDirectory directory;
    private final UsageMetrics metrics;
    private final CallAdmission admission;
    private final TargetCalls calls;
    private final AttemptSpans spans;
    private final Duration listTimeout;

    Dispatcher(RoutePlanner planner, ProviderGuards guards, ProviderDirectory directory, UsageMetrics metrics,
            CallAdmission admission, TargetCalls calls, AttemptSpans spans, WormholeConfig config) {
        this.planner = planner;
        this.guards = guards;
        this.directory = directory;
        this.metrics = metrics;
        this.admission = admission;
        this.calls = calls;
        this.spans = spans;
        this.listTimeout = config.models().listTimeout();
    }

    /** A complete answer, from the first target that gives one, within the request's deadline. */
    public Uni<ChatResult> chat(ChatRequest request, List<String> fallbacks, CallTrace trace) {
        trace.demand(TokenDemand.of(request));
        trace.sampling(request.maxTokens(), request.temperature());
        return call(request.model(), fallbacks, trace, ChatResult::usage,
                (provider, target) -> chatOn(provider, target, request));
    }

    /** What {@link #chat} asks of each target: the core request, with the target's model, of its provider. */
    public static Uni<ChatResult> chatOn(Provider provider, ModelRef target, ChatRequest request) {
        requireTools(provider, request);
        return provider.chat(request.withModel(target.model()));
    }

    /** What {@link #stream(ChatRequest, List, CallTrace)} asks of each target. */
    public static Multi<ChatDelta> streamOn(Provider provider, ModelRef target, ChatRequest request) {
        requireTools(provider, request);
        return provider.streamChat(request.withModel(target.model()));
    }

    /**
     * As {@link #chat} for an answer of any shape: {@code onTarget} makes the call on each target's provider
     * (translated through the core, or relayed where the provider speaks the client's API), {@code usage}
     * reads the answer's usage for the metrics.
     */
    public <T> Uni<T> call(String model, List<String> fallbacks, CallTrace trace, Function<T, Usage> usage,
            BiFunction<Provider, ModelRef, Uni<T>> onTarget) {
        return call(model, fallbacks, Operation.CHAT, trace, usage, onTarget);
    }

    /** As {@link #call(String, List, CallTrace, Function, BiFunction)} for another billed operation. */
    <T> Uni<T> call(String model, List<String> fallbacks, Operation operation, CallTrace trace,
            Function<T, Usage> usage, BiFunction<Provider, ModelRef, Uni<T>> onTarget) {
        return planned(model, fallbacks, operation, trace, target -> true,
                (permit, answer) -> permit.settle(answer, usage), (target, plan) -> measured(operation.label(),
                        target, trace, admission.spend(trace, target), usage, attempt(target, plan, operation,
                                trace, usage, provider -> onTarget.apply(provider, target))));
    }

    /**
     * A call only the targets whose provider speaks {@code api} natively can answer (an exact token count, say):
     * those of the route, in order, with failover among them; {@code otherwise} when the route has none.
     */
    public <T> Uni<T> callNative(String model, NativeApi api, CallTrace trace,
            BiFunction<NativeProvider, ModelRef, Uni<T>> onTarget, Supplier<T> otherwise) {
        return planned(model, List.of(), Operation.COUNT_TOKENS, trace, target -> directory.settings(
                target.provider()).map(settings -> settings.speaks(api)).orElse(false), null, (target, plan) ->
                        measured("count_tokens", target, trace, Spending.Call.NOT_BILLED, answer -> null,
                                attempt(target, plan, Operation.COUNT_TOKENS, trace, null,
                                        provider -> onTarget.apply((NativeProvider) provider, target))))
                .onFailure(NoTarget.class).recoverWithUni(() -> Uni.createFrom().item(otherwise));
    }

    /**
     * The answer as a stream, once a target has produced its first delta, within the request's deadline.
     * Failures before it fail over (or fail the Uni); failures after it fail the Multi. The lease is held until
     * the Multi ends or is cancelled.
     */
    public Uni<Multi<ChatDelta>> stream(ChatRequest request, List<String> fallbacks, CallTrace trace) {
        trace.demand(TokenDemand.of(request));
        trace.sampling(request.maxTokens(), request.temperature());
        return stream(request.model(), fallbacks, trace, (provider, target) -> streamOn(provider, target, request));
    }

    /** As {@link #stream(ChatRequest, List, CallTrace)} for a stream of any items, opened by {@code onTarget}. */
    public <E extends Metered> Uni<Multi<E>> stream(String model, List<String> fallbacks, CallTrace trace,
            BiFunction<Provider, ModelRef, Multi<E>> onTarget) {
        return stream("chat", model, fallbacks, trace, onTarget);
    }

    /** As {@link #stream(String, List, CallTrace, BiFunction)} for a stream of {@code operation}, e.g. speech. */
    public <E extends Metered> Uni<Multi<E>> stream(String operation, String model, List<String> fallbacks,
            CallTrace trace, BiFunction<Provider, ModelRef, Multi<E>> onTarget) {
        return planned(model, fallbacks, Operation.STREAM_OPEN, trace, target -> true, Permit::settleStream,
                (target, plan) -> calls.openStream(operation, target, plan, onTarget, trace))
                .map(stream -> {
                    trace.committed();
                    return withinClientPatience(stream, trace.clientDeadline());
                });
    }

    /**
     * A committed stream ended with an in-band timeout once it has been silent for as long as its client said it
     * would wait (SDK timeouts bound the wait for each read): nobody is listening past that point.
     */
    private static <E> Multi<E> withinClientPatience(Multi<E> stream, Deadline client) {
        if (client == null) {
            return stream;
        }
        return stream.ifNoItem().after(client.length()).failWith(() -> GatewayException.of(ErrorKind.UPSTREAM_TIMEOUT,
                "upstream_timeout", "The upstream stream was silent for longer than the client's stated timeout ("
                        + client.source() + ")."));
    }

    /** One vector per input, within the request's deadline. */
    public Uni<EmbeddingResult> embed(EmbeddingRequest request, List<String> fallbacks, CallTrace trace) {
        trace.demand(TokenDemand.of(request));
        return call(request.model(), fallbacks, Operation.EMBEDDINGS, trace, EmbeddingResult::usage,
                (provider, target) -> SideCapability.require(provider, EmbeddingProvider.class, "embeddings")
                        .embed(request.withModel(target.model())));
    }

    /**
     * A provider's own model list, under its guards and the list timeout. This is the catalog's source; clients
     * read the catalog.
     */
    public Uni<List<ModelInfo>> listModels(String providerId) {
        return calls.leased(providerId, provider -> guards.call(providerId, Operation.MODELS, provider::listModels))
                .ifNoItem().after(listTimeout).failWith(() -> GatewayException.of(ErrorKind.UPSTREAM_TIMEOUT,
                        "upstream_timeout", "Provider '" + providerId + "' did not list its models within "
                                + listTimeout + "."));
    }

    /**
     * Plans the targets of a call and tries them in turn under its one deadline (see {@link CallTrace#deadline}):
     * on expiry the attempt in flight is cancelled and the client gets a 504 listing what was tried. The caller's
     * key is checked before any target is planned and admitted against its limits once for all targets and retries
     * ({@link CallAdmission}); {@code settle} holds its permit until the call ends (null: not limited).
     */
    <T> Uni<T> planned(String model, List<String> fallbacks, Operation operation, CallTrace trace,
            Predicate<ModelRef> eligible, BiFunction<Permit, Uni<T>, Uni<T>> settle,
            BiFunction<ModelRef, Plan, Uni<T>> call) {
        trace.model(model);
        spans.enter(trace);
        return admission.check(trace.caller(), model, fallbacks).chain(() -> Uni.createFrom().deferred(() -> {
            List<ModelRef> targets = planner.plan(model, fallbacks, operation).stream().filter(eligible).toList();
            if (targets.isEmpty()) {
                return Uni.createFrom().failure(new NoTarget());
            }
            Deadline deadline = trace.deadline(planner.deadline(model, targets, System.nanoTime()));
            if (deadline.expired()) {
                return Uni.createFrom().failure(deadline.exceeded(trace.route()));
            }
            return admission.limited(trace, settle, new Plan(targets, deadline).inOrder(call))
                    .ifNoItem().after(deadline.remaining()).failWith(() -> deadline.exceeded(trace.route()))
                    .onFailure(Dispatcher::deadlineExceeded).transform(f -> deadline.exceeded(trace.route()));
        }));
    }

    /** No target of the route can take the call ({@link #callNative}'s cue to answer otherwise). */
    private static final class NoTarget extends RuntimeException {
        NoTarget() {
            super(null, null, false, false);
        }
    }

    private static boolean deadlineExceeded(Throwable failure) {
        return failure instanceof GatewayException g && "deadline_exceeded".equals(g.code());
    }

    /** One target under its guards: see {@link TargetCalls#attempt}. */
    <T> Uni<T> attempt(ModelRef target, Plan plan, Operation operation, CallTrace trace,
            Function<T, Usage> usage, Function<Provider, Uni<T>> call) {
        return calls.attempt(target, plan, operation, trace, usage, call);
    }

    <T> Uni<T> measured(String operation, ModelRef ref, CallTrace trace, Spending.Call spend,
            Function<T, Usage> usage, Uni<T> call) {
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return call.onTermination().invoke((item, failure, cancelled) -> {
                String outcome = failure != null ? UsageMetrics.outcome(failure)
                        : cancelled ? UsageMetrics.CANCELLED : UsageMetrics.OK;
                Usage used = item == null ? null : usage.apply(item);
                metrics.record(operation, ref, trace.caller().name(), outcome,
                        Duration.ofNanos(System.nanoTime() - start), used);
                spend.ended(used, failure);
            });
        });
    }

    private static void requireTools(Provider provider, ChatRequest request) {
        if (!request.tools().isEmpty() && !provider.capabilities().tools()) {
            throw GatewayException.of(ErrorKind.INVALID_REQUEST, "unsupported_capability",
                    "Provider '" + provider.id() + "' does not support tools.");
        }
    }
}
