package dev.wormhole.limit;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.wormhole.config.LimitsConfig;
import dev.wormhole.config.WormholeConfig;
import dev.wormhole.core.Caller;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.KeyLimits;
import dev.wormhole.core.Usage;
import dev.wormhole.state.StateStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Enforces a virtual key's requests per minute, tokens per minute and requests in flight, once per call before any
 * upstream attempt, in the shared {@link StateStore} so that every replica counts against the same limits: sliding
 * one-minute windows per key ({@link StateStore#admit}; tokens are reserved for the prompt estimate and the most
 * output the request allows, and corrected by the real usage when the call ends) and a lease per call in flight
 * ({@link StateStore#acquire}), renewed while the call runs and given back when it ends. What a refused call
 * counted is given back. Static and anonymous callers are not limited. When the store fails, the configured policy
 * applies ({@link LimitsConfig.StoreFailure}): a 503, or this replica's share of the limits kept in memory
 * ({@link LocalFallback}); either way the store is asked again on the next call.
 */
@ApplicationScoped
public class KeyLimiter {

    /** When to retry a call refused for concurrency: a slot frees when some call ends, which nothing predicts. */
    private static final Duration CONCURRENCY_RETRY = Duration.ofSeconds(1);

    private final StateStore store;
    private final Vertx vertx;
    private final Duration leaseTtl;
    private final long defaultMaxTokens;
    private final StoreFailurePolicy onStoreFailure;
    private final LocalFallback local;

    @Inject
    KeyLimiter(StateStore store, Vertx vertx, WormholeConfig config, MeterRegistry meters) {
        this(store, vertx, new Settings(config.limits().leaseTtl(), config.limits().defaultMaxTokens(),
                config.limits().onStoreFailure(), config.limits().expectedReplicas()), meters);
    }

    /** A limiter on {@code store}; its failures are counted in {@code meters}. */
    public KeyLimiter(StateStore store, Vertx vertx, Settings settings, MeterRegistry meters) {
        this.store = store;
        this.vertx = vertx;
        this.leaseTtl = settings.leaseTtl();
        this.defaultMaxTokens = settings.defaultMaxTokens();
        this.onStoreFailure = new StoreFailurePolicy(settings.onStoreFailure(), settings.expectedReplicas(), meters,
                "limits", "a key's rate limits");
        this.local = onStoreFailure.local();
    }

    /**
     * How the limiter works: concurrency leases live {@code leaseTtl} unless renewed; {@code defaultMaxTokens} of
     * output are reserved for a request without a bound; {@code onStoreFailure} with {@code expectedReplicas}.
     */
    public record Settings(Duration leaseTtl, long defaultMaxTokens, LimitsConfig.StoreFailure onStoreFailure,
            int expectedReplicas) {
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
            long reserved = reservation(known, limits.tpm());
            return shared(caller, limits, known, reserved, report).onFailure(StoreFailurePolicy::isStoreFailure)
                    .recoverWithUni(failure -> onStoreFailure(caller.keyId(), limits, known, reserved, failure));
        });
    }

    private Uni<Permit> shared(Caller caller, KeyLimits limits, TokenDemand known, long reserved,
            Consumer<RateStatus> report) {
        return Uni.createFrom().deferred(() -> {
            KeyGrant grant = new KeyGrant(store, vertx, leaseTtl, caller.keyId(), limits, known.prompt(), reserved);
            Integer max = limits.maxConcurrent();
            String leaseId = UUID.randomUUID().toString();
            // The windows and the lease are asked at once (one round trip); each gives back what it took when the
            // other refuses.
            Uni<Boolean> lease = max == null ? Uni.createFrom().item(Boolean.TRUE)
                    : store.acquire(grant.concurrencyKey(), max, leaseId, leaseTtl);
            return Uni.combine().all().unis(grant.windows.admit(), lease).asTuple().flatMap(both -> {
                MinuteWindows.Refusal refusal = both.getItem1();
                boolean taken = both.getItem2();
                report.accept(grant.status());
                if (refusal != null) {
                    Uni<Void> giveBack = max != null && taken ? releaseQuietly(grant, leaseId) : Uni.createFrom()
                            .voidItem();
                    return giveBack.onItem().transformToUni(ignored -> Uni.createFrom().failure(
                            refused(refusal.describe(), refusal.retryAfter())));
                }
                if (!taken) {
                    return refuse(grant, "concurrent requests (" + max + ")", CONCURRENCY_RETRY);
                }
                if (max != null) {
                    grant.leased(leaseId);
                }
                return Uni.createFrom().item(new Permit(grant));
            });
        });
    }

    /** The configured policy for a call whose limits the store could not check. */
    private Uni<Permit> onStoreFailure(String keyId, KeyLimits limits, TokenDemand demand, long reserved,
            Throwable failure) {
        if (onStoreFailure.failed(failure)) {
            return Uni.createFrom().failure(GatewayException.of(ErrorKind.UNAVAILABLE, "rate_limit_store_unavailable",
                    "The gateway cannot check this API key's rate limits right now; retry shortly.")
                    .withRetryAfter(CONCURRENCY_RETRY));
        }
        long now = System.currentTimeMillis();
        if (limits.rpm() != null && !local.admit("rpm:" + keyId, limits.rpm(), 1, now)) {
            return Uni.createFrom().failure(refused("requests per minute (" + local.share(limits.rpm())
                    + " on this replica while the shared state store is unavailable)", CONCURRENCY_RETRY));
        }
        if (limits.tpm() != null && !local.admit("tpm:" + keyId, limits.tpm(), reserved, now)) {
            return Uni.createFrom().failure(refused("tokens per minute (" + local.share(limits.tpm())
                    + " on this replica while the shared state store is unavailable)", CONCURRENCY_RETRY));
        }
        Integer max = limits.maxConcurrent();
        if (max != null && !local.acquire(keyId, max)) {
            return Uni.createFrom().failure(refused("concurrent requests (" + local.share(max)
                    + " on this replica while the shared state store is unavailable)", CONCURRENCY_RETRY));
        }
        return Uni.createFrom().item(new Permit(new Permit.Holding() {
            @Override
            public Uni<Void> end(Usage usage) {
                if (max != null) {
                    local.release(keyId);
                }
                return Uni.createFrom().voidItem();
            }

            @Override
            public Usage estimate(long outputTokens) {
                return Usage.of(demand.prompt(), outputTokens);
            }
        }));
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
        return demand.reservation(tpm, defaultMaxTokens);
    }

    /** Gives back a lease taken for a call that the windows refused; a failure leaves it to expire. */
    private Uni<Void> releaseQuietly(KeyGrant grant, String leaseId) {
        return store.release(grant.concurrencyKey(), leaseId).replaceWithVoid().onFailure().recoverWithUni(failure -> {
            Log.debugf(failure, "Giving back a concurrency lease failed (it expires on its own)");
            return Uni.createFrom().voidItem();
        });
    }

    /** Gives back what a refused call counted, then fails it with a 429. */
    private static Uni<Permit> refuse(KeyGrant grant, String limit, Duration retryAfter) {
        return grant.undo().onItem().transformToUni(ignored -> Uni.createFrom().failure(refused(limit, retryAfter)));
    }

    private static GatewayException refused(String limit, Duration retryAfter) {
        return GatewayException.of(ErrorKind.RATE_LIMITED, "rate_limit_exceeded", "This API key has reached its "
                + "limit of " + limit + "; retry after the delay in the Retry-After header.").withRetryAfter(retryAfter);
    }
}
