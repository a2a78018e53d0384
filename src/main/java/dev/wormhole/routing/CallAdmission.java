package dev.wormhole.routing;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.core.Caller;
import dev.wormhole.core.Metered;
import dev.wormhole.core.ModelRef;
import dev.wormhole.core.Usage;
import dev.wormhole.limit.KeyLimiter;
import dev.wormhole.limit.Permit;
import dev.wormhole.limit.ProviderLimiter;
import dev.wormhole.usage.Spending;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * What a caller's key allows a call before and while it runs, once for all its targets and retries: the models it
 * may name (403), its budget (429 {@code budget_exceeded}), and its rate and concurrency limits ({@link KeyLimiter},
 * a permit held until the call ends); the spend account each target's call is billed to; and, for every upstream
 * attempt (retries included), the gateway's own quotas of the target's provider and deployment
 * ({@link ProviderLimiter}).
 */
@ApplicationScoped
class CallAdmission {

    private final KeyLimiter limiter;
    private final ProviderLimiter providers;
    private final Spending spending;

    CallAdmission(KeyLimiter limiter, ProviderLimiter providers, Spending spending) {
        this.limiter = limiter;
        this.providers = providers;
        this.spending = spending;
    }

    /**
     * Fails with a 403 unless the key may use the model the client named and each of its fallbacks, as named (an
     * alias is allowed or refused by its own name, whatever its targets); then with a 429 when its budget is spent.
     */
    Uni<Void> check(Caller caller, String model, List<String> fallbacks) {
        return Uni.createFrom().deferred(() -> {
            caller.requireModel(model, "model");
            for (String fallback : fallbacks) {
                caller.requireModel(fallback, "wormhole.fallbacks");
            }
            return spending.require(caller);
        });
    }

    /**
     * {@code call} once the key is admitted against its limits, with {@code settle} holding the permit until the
     * call ends; {@code call} as it is when {@code settle} is null (a call these limits do not count).
     */
    <T> Uni<T> limited(CallTrace trace, BiFunction<Permit, Uni<T>, Uni<T>> settle, Uni<T> call) {
        if (settle == null) {
            return call;
        }
        return limiter.admit(trace.caller(), trace.demand(), trace::rates).flatMap(permit -> settle.apply(permit, call));
    }

    /**
     * One upstream attempt on {@code target}, made once its provider's and deployment's quotas admit it and holding
     * their permit until it ends ({@code usage} reads the answer's usage; null: an attempt these quotas do not count,
     * a token count). A refused attempt is recorded in the trace and fails without any I/O; the plan fails over.
     */
    <T> Uni<T> attempt(CallTrace trace, ModelRef target, Function<T, Usage> usage, Supplier<Uni<T>> call) {
        if (usage == null) {
            return Uni.createFrom().deferred(call::get);
        }
        return admitted(trace, target).flatMap(permit -> permit.settle(Uni.createFrom().deferred(call::get), usage));
    }

    /** As {@link #attempt} for the opening of a stream: the permit is held until the stream ends. */
    <E extends Metered> Uni<Multi<E>> attemptStream(CallTrace trace, ModelRef target, Supplier<Uni<Multi<E>>> open) {
        return admitted(trace, target).flatMap(permit -> permit.settleStream(Uni.createFrom().deferred(open::get)));
    }

    private Uni<Permit> admitted(CallTrace trace, ModelRef target) {
        return providers.admit(target, trace.demand()).onFailure().invoke(refusal -> trace.ended(trace.started(target),
                target, refusal));
    }

    /** The spend account of a call of {@code caller} on {@code target}. */
    Spending.Call spend(CallTrace trace, ModelRef target) {
        return spending.call(trace.caller(), target, (usage, cost) -> trace.billed(usage, cost.microUsd()));
    }
}
