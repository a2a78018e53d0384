package dev.wormhole.limit;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.wormhole.config.WormholeConfig;
import dev.wormhole.core.Caller;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.KeyLimits;
import dev.wormhole.state.Admission;
import dev.wormhole.state.StateStore;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Enforces a virtual key's requests per minute, tokens per minute and requests in flight, once per call before any
 * upstream attempt, in the shared {@link StateStore} so that every replica counts against the same limits: sliding
 * one-minute windows per key ({@link StateStore#admit}; tokens are reserved for the prompt estimate and the most
 * output the request allows, and corrected by the real usage when the call ends) and a lease per call in flight
 * ({@link StateStore#acquire}), renewed while the call runs and given back when it ends. What a refused call
 * counted is given back. Static and anonymous callers are not limited.
 */
@ApplicationScoped
public class KeyLimiter {

    /** The window of the per-minute limits. */
    static final Duration MINUTE = Duration.ofMinutes(1);
    /** When to retry a call refused for concurrency: a slot frees when some call ends, which nothing predicts. */
    private static final Duration CONCURRENCY_RETRY = Duration.ofSeconds(1);

    private final StateStore store;
    private final Vertx vertx;
    private final Duration leaseTtl;
    private final long defaultMaxTokens;

    @Inject
    KeyLimiter(StateStore store, Vertx vertx, WormholeConfig config) {
        this(store, vertx, config.limits().leaseTtl(), config.limits().defaultMaxTokens());
    }

    /**
     * A limiter on {@code store} whose concurrency leases live {@code leaseTtl} unless renewed, reserving
     * {@code defaultMaxTokens} of output for a request without a bound.
     */
    public KeyLimiter(StateStore store, Vertx vertx, Duration leaseTtl, long defaultMaxTokens) {
        this.store = store;
        this.vertx = vertx;
        this.leaseTtl = leaseTtl;
        this.defaultMaxTokens = defaultMaxTokens;
    }

    /**
     * Admits one call of {@code caller} that may cost {@code demand} (null: unknown, only the default output is
     * reserved), reporting where its key stands to {@code report} (also when refused), or fails with a 429 that says
     * when to retry. The permit must be settled ({@link Permit#settle}).
     */
    public Uni<Permit> admit(Caller caller, TokenDemand demand, Consumer<RateStatus> report) {
        KeyLimits limits = caller.limits();
        if (!caller.virtual() || (limits.rpm() == null && limits.tpm() == null && limits.maxConcurrent() == null)) {
            return Uni.createFrom().item(Permit.NONE);
        }
        TokenDemand known = demand == null ? new TokenDemand(0, null) : demand;
        return Uni.createFrom().deferred(() -> {
            KeyGrant grant = new KeyGrant(store, vertx, leaseTtl, caller.keyId(), limits, known.prompt(),
                    reservation(known, limits.tpm()));
            return count(grant.requestsKey(), limits.rpm(), 1).flatMap(requests -> {
                grant.requests = requests;
                if (requests != null && !requests.admitted()) {
                    report.accept(grant.status());
                    return refuse(grant, "requests per minute (" + limits.rpm() + ")", requests.retryAfter());
                }
                return count(grant.tokensKey(), limits.tpm(), grant.reserved).flatMap(tokens -> {
                    grant.tokens = tokens;
                    report.accept(grant.status());
                    if (tokens != null && !tokens.admitted()) {
                        return refuse(grant, "tokens per minute (" + limits.tpm() + ")", tokens.retryAfter());
                    }
                    return lease(grant);
                });
            });
        });
    }

    /**
     * The tokens to reserve: the prompt estimate and the output allowed, at most the whole limit (a bound on the
     * output is no promise to use it). A prompt estimated above the limit can never be admitted: a 400, since
     * retrying cannot help.
     */
    private long reservation(TokenDemand demand, Long tpm) {
        if (tpm == null) {
            return 0;
        }
        if (demand.prompt() > tpm) {
            throw GatewayException.of(ErrorKind.INVALID_REQUEST, "request_too_large", "The prompt (about "
                    + demand.prompt() + " tokens) is larger than this API key's limit of " + tpm
                    + " tokens per minute; send a shorter prompt or ask the key's owner for a higher limit.");
        }
        long output = demand.maxOutput() != null ? demand.maxOutput() : defaultMaxTokens;
        return Math.max(1, Math.min(tpm, demand.prompt() + output));
    }

    private Uni<Admission> count(String key, Long limit, long cost) {
        return limit == null ? Uni.createFrom().nullItem() : store.admit(key, limit, MINUTE, cost);
    }

    private Uni<Permit> lease(KeyGrant grant) {
        Integer max = grant.limits.maxConcurrent();
        if (max == null) {
            return Uni.createFrom().item(new Permit(grant));
        }
        String leaseId = UUID.randomUUID().toString();
        return store.acquire(grant.concurrencyKey(), max, leaseId, leaseTtl).flatMap(taken -> {
            if (!taken) {
                return refuse(grant, "concurrent requests (" + max + ")", CONCURRENCY_RETRY);
            }
            grant.leased(leaseId);
            return Uni.createFrom().item(new Permit(grant));
        });
    }

    /** Gives back what a refused call counted, then fails it with a 429. */
    private static Uni<Permit> refuse(KeyGrant grant, String limit, Duration retryAfter) {
        return grant.undo().onItem().transformToUni(ignored -> Uni.createFrom().failure(
                GatewayException.of(ErrorKind.RATE_LIMITED, "rate_limit_exceeded", "This API key has reached its "
                        + "limit of " + limit + "; retry after the delay in the Retry-After header.")
                        .withRetryAfter(retryAfter)));
    }
}
