package dev.wormhole.limit;

import java.time.Duration;

import dev.wormhole.state.Admission;
import dev.wormhole.state.StateStore;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * One call's admissions in a pair of sliding one-minute windows of the shared store, its requests and its tokens
 * (the key limits and the provider limits are both made of such pairs): one request is counted and the tokens
 * reserved, both at once; a refusal by either gives back what the other counted; the reservation is corrected by the tokens really used when the
 * call ends. Giving back never fails: a store that cannot be reached leaves at worst a reservation that leaves the
 * window with time.
 */
final class MinuteWindows {

    /** The window of the per-minute limits. */
    static final Duration MINUTE = Duration.ofMinutes(1);

    private final StateStore store;
    private final String requestsKey;
    private final String tokensKey;
    private final Long rpm;
    private final Long tpm;
    private final long reserved;
    private final String owner;
    private Admission requests;
    private Admission tokens;

    /**
     * The windows at {@code requestsKey} (limit {@code rpm}, null: none) and {@code tokensKey} (limit {@code tpm}),
     * for a call reserving {@code reserved} tokens; {@code owner} names them in logs.
     */
    MinuteWindows(StateStore store, String requestsKey, Long rpm, String tokensKey, Long tpm, long reserved,
            String owner) {
        this.store = store;
        this.requestsKey = requestsKey;
        this.tokensKey = tokensKey;
        this.rpm = rpm;
        this.tpm = tpm;
        this.reserved = reserved;
        this.owner = owner;
    }

    /**
     * Why a call was refused: the limit it would have broken (of tokens, or else of requests) and when it would fit.
     */
    record Refusal(boolean tokens, long limit, Duration retryAfter) {

        /** The limit in words, e.g. {@code requests per minute (60)}. */
        String describe() {
            return (tokens ? "tokens" : "requests") + " per minute (" + limit + ")";
        }

        /** The limit's metric label: {@code rpm} or {@code tpm}. */
        String label() {
            return tokens ? "tpm" : "rpm";
        }
    }

    /**
     * Counts the call in both windows at once (one round trip to the store, not two); null when it fits both, else
     * the refusal (of requests before tokens), after giving back what the other window counted.
     */
    Uni<Refusal> admit() {
        return Uni.combine().all().unis(count(requestsKey, rpm, 1), count(tokensKey, tpm, reserved))
                .with((counted, reservation) -> {
                    requests = counted;
                    tokens = reservation;
                    if (counted != null && !counted.admitted()) {
                        return new Refusal(false, rpm, counted.retryAfter());
                    }
                    return reservation != null && !reservation.admitted()
                            ? new Refusal(true, tpm, reservation.retryAfter()) : null;
                })
                .flatMap(refusal -> refusal == null ? Uni.createFrom().nullItem() : undo().replaceWith(refusal));
    }

    /** Where the windows stand after this call's admissions. */
    RateStatus status() {
        return new RateStatus(rpm == null || requests == null ? null : RateStatus.Window.of(rpm, requests),
                tpm == null || tokens == null ? null : RateStatus.Window.of(tpm, tokens));
    }

    /** Takes back what the call counted (its request and its tokens). */
    Uni<Void> undo() {
        Uni<Void> request = requests == null || !requests.admitted() ? none()
                : quietly(store.adjust(requestsKey, MINUTE, requests, -1), "request count");
        return Uni.combine().all().unis(request, correct(-reserved)).discardItems();
    }

    /** Corrects the reservation to the {@code used} tokens. */
    Uni<Void> settle(long used) {
        return correct(used - reserved);
    }

    private Uni<Void> correct(long delta) {
        if (tokens == null || !tokens.admitted() || delta == 0) {
            return none();
        }
        return quietly(store.adjust(tokensKey, MINUTE, tokens, delta), "token reservation");
    }

    private Uni<Admission> count(String key, Long limit, long cost) {
        return limit == null ? Uni.createFrom().nullItem() : store.admit(key, limit, MINUTE, cost);
    }

    private Uni<Void> quietly(Uni<Void> work, String what) {
        return work.onFailure().recoverWithUni(failure -> {
            Log.warnf("Giving back the %s of %s failed (it leaves the window on its own): %s", what, owner,
                    failure.getMessage());
            return none();
        });
    }

    private static Uni<Void> none() {
        return Uni.createFrom().voidItem();
    }
}
