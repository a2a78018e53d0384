package dev.wormhole.limit;

import java.time.Duration;

import dev.wormhole.core.KeyLimits;
import dev.wormhole.core.Usage;
import dev.wormhole.state.StateStore;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * What one call counted against its key: its admissions in the per-minute windows ({@link MinuteWindows}), the tokens
 * it reserved and its concurrency lease (renewed every half TTL while held). Ending it gives the lease back and
 * corrects the tokens by the real usage; undoing it (a refused call) takes back everything counted. Neither ever
 * fails: a store that cannot be reached leaves at worst a lease that expires and a reservation that leaves the window.
 */
final class KeyGrant implements Permit.Holding {

    private final StateStore store;
    private final Vertx vertx;
    private final Duration leaseTtl;
    private final String keyId;
    final KeyLimits limits;
    private final long prompt;
    final MinuteWindows windows;
    private String leaseId;
    private long renewal = -1;

    KeyGrant(StateStore store, Vertx vertx, Duration leaseTtl, String keyId, KeyLimits limits, long prompt,
            long reserved) {
        this.store = store;
        this.vertx = vertx;
        this.leaseTtl = leaseTtl;
        this.keyId = keyId;
        this.limits = limits;
        this.prompt = prompt;
        this.windows = new MinuteWindows(store, "limit:rpm:" + keyId, limits.rpm(), "limit:tpm:" + keyId,
                limits.tpm(), reserved, "key " + keyId);
    }

    String concurrencyKey() {
        return "limit:concurrent:" + keyId;
    }

    /** Where the key stands after this call's admissions. */
    RateStatus status() {
        return windows.status();
    }

    /** Records the lease taken and starts renewing it. */
    void leased(String id) {
        leaseId = id;
        int max = limits.maxConcurrent();
        renewal = vertx.setPeriodic(Math.max(1, leaseTtl.toMillis() / 2), timer -> store.acquire(concurrencyKey(), max,
                id, leaseTtl).subscribe().with(renewed -> {
                }, failure -> Log.debugf(failure, "Renewing a concurrency lease of %s failed", keyId)));
    }

    /** Takes back what a refused call counted (its request and its tokens). */
    Uni<Void> undo() {
        return windows.undo();
    }

    @Override
    public Uni<Void> end(Usage usage) {
        // Without a usage (the call failed or was cancelled before reporting one) the prompt is counted: it was sent.
        long used = usage != null ? usage.totalTokens() : prompt;
        Uni<Void> release = Uni.createFrom().voidItem();
        if (leaseId != null) {
            vertx.cancelTimer(renewal);
            release = store.release(concurrencyKey(), leaseId).replaceWithVoid().onFailure().recoverWithUni(failure -> {
                Log.warnf("Giving back the concurrency lease of key %s failed (it expires on its own): %s", keyId,
                        failure.getMessage());
                return Uni.createFrom().voidItem();
            });
        }
        return Uni.combine().all().unis(release, windows.settle(used)).discardItems();
    }

    @Override
    public Usage estimate(long outputTokens) {
        return Usage.of(prompt, outputTokens);
    }
}
