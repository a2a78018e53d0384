package dev.wormhole.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.wormhole.config.IdempotencyConfig;
import dev.wormhole.config.WormholeConfig;
import dev.wormhole.core.Deadline;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import dev.wormhole.state.StateStore;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Runs a request at most once per idempotency scope, on the shared {@link StateStore} so that it holds across
 * replicas. Per scope the store holds a lock, a single lease ({@link StateStore#acquire} with a limit of 1, renewed
 * while its holder runs, given back with {@link StateStore#release} only by its holder), and the stored response
 * ({@link StateStore#put} with the TTL, written before the lock is given back). A request first looks for a stored
 * response; without one it takes the lock, looks again (the holder before it may just have stored one) and runs;
 * while another holds the lock it waits (Mutiny's retry with pauses doubling from {@code poll-initial} up to
 * {@code poll-max}, no thread held meanwhile) until a response is stored, the lock is free (the first request failed,
 * or its replica died and the lease expired: it then runs itself), or its own patience ends (a 409). A stored
 * response of another request body is a 422. Only successes no larger than {@code max-body} are stored.
 */
@ApplicationScoped
public class IdempotentCalls {

    private final StateStore store;
    private final Vertx vertx;
    private final Settings settings;

    @Inject
    IdempotentCalls(StateStore store, Vertx vertx, WormholeConfig config) {
        this(store, vertx, Settings.of(config.idempotency()));
    }

    /** Single flight on {@code store}, with timers on {@code vertx}. */
    public IdempotentCalls(StateStore store, Vertx vertx, Settings settings) {
        this.store = store;
        this.vertx = vertx;
        this.settings = settings;
    }

    /**
     * How single flight works: responses are kept {@code ttl} if no larger than {@code maxBody} bytes; a lock lives
     * {@code lockTtl} unless renewed; a waiting duplicate looks again after {@code pollInitial}, doubling to
     * {@code pollMax}.
     */
    public record Settings(Duration ttl, long maxBody, Duration lockTtl, Duration pollInitial, Duration pollMax) {

        static Settings of(IdempotencyConfig config) {
            return new Settings(config.ttl(), config.maxBody().asLongValue(), config.lockTtl(), config.pollInitial(),
                    config.pollMax());
        }
    }

    /**
     * The response for {@code scope}: a stored one (marked replayed), or the one {@code call} produces when this
     * request is the one to run. {@code fingerprint} identifies the request body; {@code patience} bounds the wait
     * for another request of the scope. Fails with a 422 when the scope's stored response answers another body, a
     * 409 when the wait outlasts {@code patience}, a 503 when the store cannot be used, or as {@code call} fails.
     */
    public Uni<IdempotentReply> run(String scope, String fingerprint, Deadline patience,
            Supplier<Uni<IdempotentReply>> call) {
        String hashed = HexFormat.of().formatHex(sha256(scope));
        Flight flight = new Flight("idem:reply:" + hashed, "idem:lock:" + hashed, UUID.randomUUID().toString(),
                fingerprint, patience, call);
        return attempt(flight).onFailure(Busy.class).retry().withBackOff(settings.pollInitial(), settings.pollMax())
                .withJitter(0).expireIn(Math.max(1, patience.remaining().toMillis()))
                .onFailure(IdempotentCalls::busy).transform(busy -> GatewayException.of(ErrorKind.CONFLICT,
                        "idempotency_key_in_use", "A request with this Idempotency-Key is still in progress; retry "
                                + "it later.").withRetryAfter(settings.pollMax()));
    }

    /** Whether the lock stayed busy: Mutiny reports the retries it ran out of with the last failure as the cause. */
    private static boolean busy(Throwable failure) {
        return failure instanceof Busy || failure.getCause() instanceof Busy;
    }

    /** Another request of the scope holds the lock: look again after a pause. */
    private static final class Busy extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Busy() {
            super("busy", null, false, false);
        }
    }

    /** One request's flight: its store keys, its lease id, its body's fingerprint, its patience and its call. */
    private record Flight(String replyKey, String lockKey, String leaseId, String fingerprint, Deadline patience,
            Supplier<Uni<IdempotentReply>> call) {
    }

    /** One look: the stored response, or this request's own run when it takes the lock; else a {@link Busy}. */
    private Uni<IdempotentReply> attempt(Flight flight) {
        return Uni.createFrom().deferred(() -> stored(flight).chain(found -> found.isPresent()
                ? Uni.createFrom().item(found.get())
                : guarded(store.acquire(flight.lockKey(), 1, flight.leaseId(), settings.lockTtl())).chain(taken -> taken
                        ? stored(flight).chain(again -> again.isPresent()
                                ? release(flight).replaceWith(again.get())
                                : own(flight))
                        : Uni.createFrom().failure(new Busy()))));
    }

    /** The stored response of the scope, if any; a 422 when it answers another request body. */
    private Uni<Optional<IdempotentReply>> stored(Flight flight) {
        return guarded(store.get(flight.replyKey())).map(value -> {
            if (value.isEmpty()) {
                return Optional.empty();
            }
            StoredReplies.Stored stored = StoredReplies.decode(value.get());
            if (!stored.fingerprint().equals(flight.fingerprint())) {
                throw GatewayException.of(ErrorKind.UNPROCESSABLE, "idempotency_key_reused", "This Idempotency-Key "
                        + "was already used with a different request body; send a new key for a new request.");
            }
            return Optional.of(stored.reply());
        });
    }

    /** Runs the call holding the lock (renewed meanwhile), stores a storable success, then gives the lock back. */
    private Uni<IdempotentReply> own(Flight flight) {
        long renewEvery = Math.max(1, settings.lockTtl().toMillis() / 3);
        long renewal = vertx.setPeriodic(renewEvery, timer -> store.acquire(flight.lockKey(), 1, flight.leaseId(),
                settings.lockTtl()).subscribe().with(held -> {
                }, failure -> Log.debugf(failure, "Renewing an idempotency lock failed")));
        return Uni.createFrom().deferred(() -> flight.call().get())
                .onItem().call(reply -> keep(flight, reply))
                .onTermination().call(() -> {
                    vertx.cancelTimer(renewal);
                    return release(flight);
                });
    }

    private Uni<Void> keep(Flight flight, IdempotentReply reply) {
        if (!reply.successful()) {
            return Uni.createFrom().voidItem();
        }
        if (reply.body().length > settings.maxBody()) {
            Log.debugf("An idempotent response of %d bytes is over wormhole.idempotency.max-body: not stored",
                    reply.body().length);
            return Uni.createFrom().voidItem();
        }
        return store.put(flight.replyKey(), StoredReplies.encode(flight.fingerprint(), reply), settings.ttl())
                .onFailure().recoverWithUni(failure -> {
                    Log.warnf("Storing an idempotent response failed (a duplicate will run again): %s",
                            failure.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> release(Flight flight) {
        return store.release(flight.lockKey(), flight.leaseId()).replaceWithVoid().onFailure().recoverWithUni(f -> {
            Log.warnf("Giving back an idempotency lock failed (it expires on its own): %s", f.getMessage());
            return Uni.createFrom().voidItem();
        });
    }

    /** A store operation whose failure is a 503: without the store, a duplicate could not be told apart. */
    private static <T> Uni<T> guarded(Uni<T> operation) {
        return operation.onFailure().transform(failure -> {
            Log.warnf("The state store failed an idempotency check: %s", failure.getMessage());
            return GatewayException.of(ErrorKind.UNAVAILABLE, "idempotency_store_unavailable", "The gateway cannot "
                    + "check Idempotency-Key right now; retry shortly.");
        });
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
