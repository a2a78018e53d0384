package dev.wormhole.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.wormhole.config.LimitsConfig;
import dev.wormhole.core.Caller;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.KeyLimits;
import dev.wormhole.core.ModelGlobs;
import dev.wormhole.core.Usage;
import dev.wormhole.state.StateStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.vertx.core.Vertx;

/** {@link KeyLimiter} on a real store: counting, refusing, and leases that are never leaked nor lost while held. */
abstract class KeyLimiterContract {

    static final Duration WAIT = Duration.ofSeconds(5);

    protected StateStore store;
    private Vertx vertx;

    protected abstract StateStore open();

    @BeforeEach
    void setUp() {
        store = open();
        vertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() {
        store.close();
        vertx.close();
    }

    private KeyLimiter limiter(Duration leaseTtl) {
        return new KeyLimiter(store, vertx, new KeyLimiter.Settings(leaseTtl, 100,
                LimitsConfig.StoreFailure.FAIL_CLOSED, 1),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    static Caller caller(Long rpm, Integer maxConcurrent) {
        return caller(rpm, null, maxConcurrent);
    }

    static Caller caller(Long rpm, Long tpm, Integer maxConcurrent) {
        return new Caller("key_" + UUID.randomUUID().toString().replace("-", ""), "test", null, ModelGlobs.ANY,
                new KeyLimits(rpm, tpm, maxConcurrent, null));
    }

    @Test
    void reservesPromptAndMaxOutputThenCorrectsByTheRealUsage() {
        KeyLimiter limiter = limiter(Duration.ofMinutes(1));
        Caller caller = caller(null, 1000L, null);
        AtomicReference<RateStatus> status = new AtomicReference<>();
        TokenDemand demand = new TokenDemand(10, 100L);
        Permit first = limiter.admit(caller, demand, status::set).await().atMost(WAIT);
        assertThat(status.get().tokens().remaining()).isEqualTo(890);
        first.settle(Uni.createFrom().item("answer"), answer -> Usage.of(12, 18)).await().atMost(WAIT);
        limiter.admit(caller, demand, status::set).await().atMost(WAIT);
        assertThat(status.get().tokens().remaining()).isEqualTo(1000 - 30 - 110);
        // Without a bound on the output, the configured default (100 here) is reserved.
        limiter.admit(caller, new TokenDemand(5, null), status::set).await().atMost(WAIT);
        assertThat(status.get().tokens().remaining()).isEqualTo(860 - 105);
    }

    @Test
    void aCutStreamIsCountedByThePromptAndTheOutputSeen() {
        KeyLimiter limiter = limiter(Duration.ofMinutes(1));
        Caller caller = caller(null, 1000L, null);
        AtomicReference<RateStatus> status = new AtomicReference<>();
        Permit permit = limiter.admit(caller, new TokenDemand(10, 500L), status::set).await().atMost(WAIT);
        assertThat(status.get().tokens().remaining()).isEqualTo(490);
        Multi<Chunk> cut = permit.settleStream(Uni.createFrom().item(Multi.createFrom().items(new Chunk(), new Chunk())
                .onCompletion().failWith(() -> new IllegalStateException("cut")))).await().atMost(WAIT);
        assertThatThrownBy(() -> cut.collect().asList().await().atMost(WAIT)).hasMessage("cut");
        // 10 prompt tokens and 8 characters of output (2 tokens): 12 used of the 510 reserved.
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            limiter.admit(caller, new TokenDemand(0, 1L), status::set).await().atMost(WAIT);
            assertThat(status.get().tokens().remaining()).isEqualTo(1000 - 12 - 1);
        });
    }

    @Test
    void aReservationThatDoesNotFitIsRefusedAndGivesItsRequestBack() {
        KeyLimiter limiter = limiter(Duration.ofMinutes(1));
        Caller caller = caller(5L, 100L, null);
        AtomicReference<RateStatus> status = new AtomicReference<>();
        limiter.admit(caller, new TokenDemand(10, 80L), status::set).await().atMost(WAIT);
        assertThatThrownBy(() -> limiter.admit(caller, new TokenDemand(10, 80L), status::set).await().atMost(WAIT))
                .isInstanceOfSatisfying(GatewayException.class, g -> assertThat(g.kind()).isEqualTo(ErrorKind.RATE_LIMITED));
        assertThat(status.get().tokens().remaining()).isEqualTo(10);
        limiter.admit(caller, new TokenDemand(1, 1L), status::set).await().atMost(WAIT);
        assertThat(status.get().requests().remaining()).isEqualTo(3);
    }

    @Test
    void aPromptLargerThanTheWholeLimitIsABadRequest() {
        KeyLimiter limiter = limiter(Duration.ofMinutes(1));
        assertThatThrownBy(() -> limiter.admit(caller(null, 100L, null), new TokenDemand(101, 1L), s -> {
        }).await().atMost(WAIT)).isInstanceOfSatisfying(GatewayException.class,
                g -> assertThat(g.kind()).isEqualTo(ErrorKind.INVALID_REQUEST));
    }

    private static Permit admit(KeyLimiter limiter, Caller caller, AtomicReference<RateStatus> status) {
        return limiter.admit(caller, null, status::set).await().atMost(WAIT);
    }

    @Test
    void countsRequestsPerMinuteAndRefusesOverTheLimit() {
        KeyLimiter limiter = limiter(Duration.ofMinutes(1));
        Caller caller = caller(2L, null);
        AtomicReference<RateStatus> status = new AtomicReference<>();
        admit(limiter, caller, status);
        assertThat(status.get().requests().remaining()).isEqualTo(1);
        admit(limiter, caller, status);
        assertThat(status.get().requests().remaining()).isZero();
        assertThatThrownBy(() -> admit(limiter, caller, status)).isInstanceOfSatisfying(GatewayException.class, g -> {
            assertThat(g.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
            assertThat(g.retryAfter()).get().matches(d -> d.compareTo(Duration.ZERO) > 0 && d.toSeconds() <= 60);
        });
        assertThat(status.get().requests().limit()).isEqualTo(2);
        assertThat(status.get().tokens()).isNull();
    }

    @Test
    void callersWithoutLimitsHoldNothing() {
        assertThat(admit(limiter(Duration.ofMinutes(1)), Caller.STATIC_KEY, new AtomicReference<>()))
                .isSameAs(Permit.NONE);
        assertThat(admit(limiter(Duration.ofMinutes(1)), caller(null, null), new AtomicReference<>()))
                .isSameAs(Permit.NONE);
    }

    @Test
    void aCallRefusedForConcurrencyGivesBackItsRequestAndTokensAndOneRefusedForRateGivesBackItsLease() {
        KeyLimiter limiter = limiter(Duration.ofMinutes(1));
        Caller caller = caller(3L, 1000L, 1);
        AtomicReference<RateStatus> status = new AtomicReference<>();
        Permit holding = limiter.admit(caller, new TokenDemand(10, 90L), status::set).await().atMost(WAIT);

        // The windows and the lease are asked at once: refused for concurrency, the request and tokens come back.
        assertThatThrownBy(() -> limiter.admit(caller, new TokenDemand(10, 90L), status::set).await().atMost(WAIT))
                .isInstanceOfSatisfying(GatewayException.class, g -> assertThat(g.getMessage()).contains("concurrent"));
        holding.settle(Uni.createFrom().item("ok"), item -> Usage.of(10, 90)).await().atMost(WAIT);
        Permit second = limiter.admit(caller, new TokenDemand(10, 90L), status::set).await().atMost(WAIT);
        assertThat(status.get().requests().remaining()).as("the refused call's request was given back").isEqualTo(1);
        assertThat(status.get().tokens().remaining()).as("and its tokens").isEqualTo(800);
        second.settle(Uni.createFrom().item("ok"), item -> Usage.of(10, 90)).await().atMost(WAIT);

        Permit third = limiter.admit(caller, new TokenDemand(10, 90L), status::set).await().atMost(WAIT);
        third.settle(Uni.createFrom().item("ok"), item -> Usage.of(10, 90)).await().atMost(WAIT);
        // Refused for its rate, a call gives back the lease it took: the key's one slot stays free.
        assertThatThrownBy(() -> limiter.admit(caller, new TokenDemand(10, 90L), status::set).await().atMost(WAIT))
                .isInstanceOfSatisfying(GatewayException.class, g -> assertThat(g.getMessage()).contains("requests per minute"));
        Caller sameKeyNoRate = new Caller(caller.keyId(), "test", null, ModelGlobs.ANY, new KeyLimits(null, null, 1,
                null));
        limiter.admit(sameKeyNoRate, null, status::set).await().atMost(WAIT)
                .settle(Uni.createFrom().item("ok"), item -> null).await().atMost(WAIT);
    }

    @Test
    void aLeaseIsGivenBackWhenTheCallAnswersFailsOrIsCancelled() {
        KeyLimiter limiter = limiter(Duration.ofMinutes(1));
        Caller caller = caller(null, 1);
        AtomicReference<RateStatus> status = new AtomicReference<>();

        Permit answered = admit(limiter, caller, status);
        assertThatThrownBy(() -> admit(limiter, caller, status)).isInstanceOf(GatewayException.class);
        answered.settle(Uni.createFrom().item("ok"), item -> Usage.of(1, 1)).await().atMost(WAIT);

        Permit failed = admit(limiter, caller, status);
        assertThatThrownBy(() -> failed.settle(Uni.createFrom().failure(new IllegalStateException("boom")),
                item -> null).await().atMost(WAIT)).isInstanceOf(IllegalStateException.class);

        Permit cancelled = admit(limiter, caller, status);
        UniAssertSubscriber<Object> subscriber = cancelled.settle(Uni.createFrom().nothing(), item -> null)
                .subscribe().withSubscriber(UniAssertSubscriber.create());
        subscriber.cancel();

        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> admit(limiter, caller, status)
                .settle(Uni.createFrom().item(1), item -> null).await().atMost(WAIT));
    }

    @Test
    void aStreamsLeaseIsHeldUntilTheStreamEndsOrIsCancelled() {
        KeyLimiter limiter = limiter(Duration.ofMinutes(1));
        Caller caller = caller(null, 1);
        AtomicReference<RateStatus> status = new AtomicReference<>();

        Permit permit = admit(limiter, caller, status);
        Multi<Chunk> stream = permit.settleStream(Uni.createFrom().item(Multi.createFrom().<Chunk>nothing()))
                .await().atMost(WAIT);
        AssertSubscriber<Chunk> reader = stream.subscribe().withSubscriber(AssertSubscriber.create(1));
        assertThatThrownBy(() -> admit(limiter, caller, status)).isInstanceOf(GatewayException.class);
        reader.cancel();
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> admit(limiter, caller, status)
                .settleStream(Uni.createFrom().item(Multi.createFrom().items(new Chunk()))).await().atMost(WAIT)
                .collect().asList().await().atMost(WAIT));

        Permit failedOpen = admit(limiter, caller, status);
        assertThatThrownBy(() -> failedOpen.settleStream(Uni.createFrom().<Multi<Chunk>>failure(
                new IllegalStateException("no first chunk"))).await().atMost(WAIT)).isInstanceOf(IllegalStateException.class);
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> admit(limiter, caller, status)
                .settle(Uni.createFrom().item(1), item -> null).await().atMost(WAIT));
    }

    @Test
    void aLeaseHeldLongerThanItsTtlIsRenewed() throws InterruptedException {
        KeyLimiter limiter = limiter(Duration.ofMillis(300));
        Caller caller = caller(null, 1);
        AtomicReference<RateStatus> status = new AtomicReference<>();
        Permit held = admit(limiter, caller, status);
        Thread.sleep(1_000); // three TTLs: without renewal the lease would have expired
        assertThatThrownBy(() -> admit(limiter, caller, status)).isInstanceOf(GatewayException.class);
        held.settle(Uni.createFrom().item(1), item -> null).await().atMost(WAIT);
        admit(limiter, caller, status);
    }

    /** A stream item without usage. */
    record Chunk() implements dev.wormhole.core.Metered {
        @Override
        public Usage usage() {
            return null;
        }

        @Override
        public long outputCharacters() {
            return 4;
        }
    }
}
