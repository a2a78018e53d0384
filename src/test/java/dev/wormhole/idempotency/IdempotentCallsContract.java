package dev.wormhole.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.wormhole.core.Deadline;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import dev.wormhole.state.StateStore;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * {@link IdempotentCalls} on a real store: one call per scope, replays of what it stored, waiting duplicates, a
 * lock that outlives a dead holder only for its TTL, and nothing stored that must not be.
 */
abstract class IdempotentCallsContract {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final Duration LOCK_TTL = Duration.ofSeconds(1);

    protected StateStore store;
    private Vertx vertx;
    private IdempotentCalls calls;
    private String scope;
    private final AtomicInteger called = new AtomicInteger();

    protected abstract StateStore open();

    @BeforeEach
    void setUp() {
        store = open();
        vertx = Vertx.vertx();
        calls = calls(vertx, 1024);
        scope = "static\n/v1/chat/completions\n" + UUID.randomUUID();
    }

    @AfterEach
    void tearDown() {
        store.close();
        vertx.close();
    }

    private IdempotentCalls calls(Vertx on, long maxBody) {
        return new IdempotentCalls(store, on, new IdempotentCalls.Settings(Duration.ofMinutes(5), maxBody, LOCK_TTL,
                Duration.ofMillis(10), Duration.ofMillis(100)));
    }

    private static Deadline patience(Duration length) {
        return Deadline.after(System.nanoTime(), length, "test");
    }

    /** A call that counts itself and answers {@code body} with {@code status} after {@code delayMillis}. */
    private Supplier<Uni<IdempotentReply>> call(int status, String body, long delayMillis) {
        return () -> {
            called.incrementAndGet();
            Uni<IdempotentReply> reply = Uni.createFrom().item(IdempotentReply.fresh(status, "application/json",
                    body.getBytes(StandardCharsets.UTF_8)));
            return delayMillis == 0 ? reply : reply.onItem().delayIt().by(Duration.ofMillis(delayMillis));
        };
    }

    private IdempotentReply run(IdempotentCalls on, String fingerprint, Supplier<Uni<IdempotentReply>> call) {
        return on.run(scope, fingerprint, patience(WAIT), call).await().atMost(WAIT);
    }

    private static String text(IdempotentReply reply) {
        return new String(reply.body(), StandardCharsets.UTF_8);
    }

    @Test
    void runsTheFirstRequestAndReplaysItsResponseToTheNext() {
        IdempotentReply first = run(calls, "fp-a", call(200, "{\"n\":1}", 0));
        IdempotentReply second = run(calls, "fp-a", call(200, "{\"n\":2}", 0));

        assertThat(called).hasValue(1);
        assertThat(first.replayed()).isFalse();
        assertThat(second.replayed()).isTrue();
        assertThat(text(second)).isEqualTo("{\"n\":1}");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.contentType()).isEqualTo("application/json");
    }

    @Test
    void aStoredResponseOfAnotherBodyIsA422() {
        run(calls, "fp-a", call(200, "{}", 0));

        assertThatThrownBy(() -> run(calls, "fp-b", call(200, "{}", 0))).isInstanceOfSatisfying(
                GatewayException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.UNPROCESSABLE);
                    assertThat(e.code()).isEqualTo("idempotency_key_reused");
                });
        assertThat(called).hasValue(1);
    }

    @Test
    void concurrentDuplicatesShareOneCall() {
        List<Uni<IdempotentReply>> runs = IntStream.range(0, 5).mapToObj(i -> calls.run(scope, "fp-a",
                patience(WAIT), call(200, "{\"slow\":true}", 400))).toList();
        List<IdempotentReply> replies = Uni.join().all(runs).andFailFast().await().atMost(WAIT);

        assertThat(called).hasValue(1);
        assertThat(replies).extracting(IdempotentCallsContract::text).containsOnly("{\"slow\":true}");
        assertThat(replies).filteredOn(IdempotentReply::replayed).hasSize(4);
    }

    @Test
    void failuresAndErrorStatusesAreNotStored() {
        assertThatThrownBy(() -> run(calls, "fp-a", () -> {
            called.incrementAndGet();
            return Uni.createFrom().failure(new IllegalStateException("upstream down"));
        })).hasMessageContaining("upstream down");
        IdempotentReply error = run(calls, "fp-a", call(502, "{\"error\":{}}", 0));
        IdempotentReply success = run(calls, "fp-a", call(200, "{\"ok\":true}", 0));

        assertThat(called).hasValue(3);
        assertThat(error.replayed()).isFalse();
        assertThat(success.replayed()).isFalse();
        assertThat(run(calls, "fp-a", call(200, "{}", 0)).replayed()).isTrue();
    }

    @Test
    void aWaitingDuplicateRunsItselfWhenTheFirstFails() {
        Uni<IdempotentReply> failing = calls.run(scope, "fp-a", patience(WAIT), () -> {
            called.incrementAndGet();
            return Uni.createFrom().<IdempotentReply>failure(new IllegalStateException("boom"))
                    .onFailure().call(() -> Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(300)));
        });
        Uni<IdempotentReply> waiting = Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(100))
                .chain(() -> calls.run(scope, "fp-a", patience(WAIT), call(200, "{\"second\":true}", 0)));

        IdempotentReply second = Uni.join().all(failing.onFailure().recoverWithNull(), waiting).andFailFast()
                .await().atMost(WAIT).get(1);

        assertThat(called).hasValue(2);
        assertThat(second.replayed()).isFalse();
        assertThat(text(second)).isEqualTo("{\"second\":true}");
    }

    @Test
    void aResponseOverTheSizeCapIsReturnedButNotStored() {
        IdempotentCalls small = calls(vertx, 8);
        IdempotentReply first = run(small, "fp-a", call(200, "{\"too\":\"large\"}", 0));
        IdempotentReply second = run(small, "fp-a", call(200, "{\"too\":\"large\"}", 0));

        assertThat(text(first)).isEqualTo("{\"too\":\"large\"}");
        assertThat(second.replayed()).isFalse();
        assertThat(called).hasValue(2);
    }

    @Test
    void theLockOfAHealthyLongRequestIsRenewedPastItsTtl() {
        long longerThanTheLock = LOCK_TTL.toMillis() * 3;
        Uni<IdempotentReply> first = calls.run(scope, "fp-a", patience(WAIT),
                call(200, "{\"long\":1}", longerThanTheLock));
        Uni<IdempotentReply> duplicate = Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(200))
                .chain(() -> calls.run(scope, "fp-a", patience(WAIT), call(200, "{\"long\":2}", 0)));

        List<IdempotentReply> replies = Uni.join().all(first, duplicate).andFailFast().await().atMost(WAIT);

        assertThat(called).hasValue(1);
        assertThat(text(replies.get(1))).isEqualTo("{\"long\":1}");
        assertThat(replies.get(1).replayed()).isTrue();
    }

    @Test
    void aDuplicateTakesOverTheLockOfADeadReplicaAfterItsTtl() {
        Vertx dying = Vertx.vertx();
        // the dead replica's call never ends; closing its Vert.x stops the renewal of its lock
        calls(dying, 1024).run(scope, "fp-a", patience(WAIT), () -> {
            called.incrementAndGet();
            return Uni.createFrom().nothing();
        }).subscribe().with(r -> {
        });
        await(() -> called.get() == 1);
        dying.close().toCompletionStage().toCompletableFuture().join();

        long start = System.nanoTime();
        IdempotentReply reply = run(calls, "fp-a", call(200, "{\"survivor\":true}", 0));

        assertThat(called).hasValue(2);
        assertThat(reply.replayed()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(LOCK_TTL.plusSeconds(2));
    }

    @Test
    void aDuplicateThatOutwaitsItsDeadlineIsA409() {
        calls.run(scope, "fp-a", patience(WAIT), call(200, "{}", 2_000)).subscribe().with(r -> {
        });
        await(() -> called.get() == 1);

        assertThatThrownBy(() -> calls.run(scope, "fp-a", patience(Duration.ofMillis(300)), call(200, "{}", 0))
                .await().atMost(WAIT)).isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT);
                    assertThat(e.code()).isEqualTo("idempotency_key_in_use");
                });
        assertThat(called).hasValue(1);
    }

    @Test
    void scopesAreIndependent() {
        run(calls, "fp-a", call(200, "{}", 0));
        IdempotentReply other = calls.run(scope + "-other", "fp-b", patience(WAIT), call(200, "{}", 0))
                .await().atMost(WAIT);

        assertThat(other.replayed()).isFalse();
        assertThat(called).hasValue(2);
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        org.awaitility.Awaitility.await().atMost(WAIT).until(condition::getAsBoolean);
    }
}
