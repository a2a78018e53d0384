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
import dev.wormhole.core.Usage;
import dev.wormhole.state.Admission;
import dev.wormhole.state.StateStore;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Enforces a virtual key's requests per minute and requests in flight, once per call before any upstream attempt,
 * in the shared {@link StateStore} so that every replica counts against the same limits: a sliding one-minute
 * window per key ({@link StateStore#admit}) and a lease per call in flight ({@link StateStore#acquire}), renewed
 * while the call runs and given back when it ends. Static and anonymous callers are not limited.
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

    @Inject
    KeyLimiter(StateStore store, Vertx vertx, WormholeConfig config) {
        this(store, vertx, config.limits().leaseTtl());
    }

    /** A limiter on {@code store} whose concurrency leases live {@code leaseTtl} unless renewed. */
    public KeyLimiter(StateStore store, Vertx vertx, Duration leaseTtl) {
        this.store = store;
        this.vertx = vertx;
        this.leaseTtl = leaseTtl;
    }

    /**
     * Admits one call of {@code caller}, reporting where its key stands to {@code report} (also when refused), or
     * fails with a 429 that says when to retry. The permit must be settled ({@link Permit#settle}).
     */
    public Uni<Permit> admit(Caller caller, Consumer<RateStatus> report) {
        KeyLimits limits = caller.limits();
        if (!caller.virtual() || (limits.rpm() == null && limits.maxConcurrent() == null)) {
            return Uni.createFrom().item(Permit.NONE);
        }
        String id = caller.keyId();
        Uni<Admission> counted = limits.rpm() == null ? Uni.createFrom().nullItem()
                : store.admit(requestsKey(id), limits.rpm(), MINUTE, 1);
        return counted.flatMap(requests -> {
            report.accept(new RateStatus(limits.rpm() == null ? null : RateStatus.Window.of(limits.rpm(), requests),
                    null));
            if (requests != null && !requests.admitted()) {
                return Uni.createFrom().failure(refused("requests per minute (" + limits.rpm() + ")",
                        requests.retryAfter()));
            }
            if (limits.maxConcurrent() == null) {
                return Uni.createFrom().item(new Permit(new Grant(null, null, 0)));
            }
            String leaseId = UUID.randomUUID().toString();
            return store.acquire(concurrencyKey(id), limits.maxConcurrent(), leaseId, leaseTtl).flatMap(taken -> {
                if (!taken) {
                    Uni<Void> refund = requests == null ? Uni.createFrom().voidItem()
                            : store.adjust(requestsKey(id), MINUTE, requests, -1);
                    return refund.onFailure().recoverWithNull().onItem().transformToUni(ignored -> Uni.createFrom()
                            .<Permit>failure(refused("concurrent requests (" + limits.maxConcurrent() + ")",
                                    CONCURRENCY_RETRY)));
                }
                return Uni.createFrom().item(new Permit(new Grant(concurrencyKey(id), leaseId,
                        limits.maxConcurrent())));
            });
        });
    }

    static String requestsKey(String keyId) {
        return "limit:rpm:" + keyId;
    }

    static String concurrencyKey(String keyId) {
        return "limit:concurrent:" + keyId;
    }

    private static GatewayException refused(String limit, Duration retryAfter) {
        return GatewayException.of(ErrorKind.RATE_LIMITED, "rate_limit_exceeded", "This API key has reached its "
                + "limit of " + limit + "; retry after the delay in the Retry-After header.")
                .withRetryAfter(retryAfter);
    }

    /** What an admitted call holds: its lease (when the key limits concurrency), renewed until the call ends. */
    private final class Grant implements Permit.Holding {
        private final String leaseKey;
        private final String leaseId;
        private final long renewal;

        Grant(String leaseKey, String leaseId, int limit) {
            this.leaseKey = leaseKey;
            this.leaseId = leaseId;
            this.renewal = leaseKey == null ? -1 : vertx.setPeriodic(Math.max(1, leaseTtl.toMillis() / 2),
                    timer -> store.acquire(leaseKey, limit, leaseId, leaseTtl).subscribe().with(renewed -> {
                    }, failure -> Log.debugf(failure, "Renewing a concurrency lease of %s failed", leaseKey)));
        }

        @Override
        public Uni<Void> end(Usage usage) {
            if (leaseKey == null) {
                return Uni.createFrom().voidItem();
            }
            vertx.cancelTimer(renewal);
            return store.release(leaseKey, leaseId).replaceWithVoid().onFailure().recoverWithUni(failure -> {
                Log.warnf("Releasing a concurrency lease of %s failed (it expires within %s): %s", leaseKey,
                        leaseTtl, failure.getMessage());
                return Uni.createFrom().voidItem();
            });
        }

        @Override
        public Usage estimate(long outputTokens) {
            return Usage.of(0, outputTokens);
        }
    }
}
