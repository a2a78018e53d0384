package dev.wormhole.routing;

import java.util.List;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.core.Caller;
import dev.wormhole.core.ModelRef;
import dev.wormhole.limit.KeyLimiter;
import dev.wormhole.limit.Permit;
import dev.wormhole.usage.Spending;
import io.smallrye.mutiny.Uni;

/**
 * What a caller's key allows a call before and while it runs, once for all its targets and retries: the models it
 * may name (403), its budget (429 {@code budget_exceeded}), and its rate and concurrency limits ({@link KeyLimiter},
 * a permit held until the call ends); and the spend account each target's call is billed to.
 */
@ApplicationScoped
class CallAdmission {

    private final KeyLimiter limiter;
    private final Spending spending;

    CallAdmission(KeyLimiter limiter, Spending spending) {
        this.limiter = limiter;
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

    /** The spend account of a call of {@code caller} on {@code target}. */
    Spending.Call spend(Caller caller, ModelRef target) {
        return spending.call(caller, target);
    }
}
