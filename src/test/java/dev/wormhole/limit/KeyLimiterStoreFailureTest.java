package dev.wormhole.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.wormhole.config.LimitsConfig.StoreFailure;
import dev.wormhole.core.Caller;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import dev.wormhole.state.EmbeddedStateStore;
import dev.wormhole.state.StateStore;
import dev.wormhole.state.StateStoreException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * {@link KeyLimiter} when the state store fails: a 503 under {@code fail-closed}; under {@code fail-open} this
 * replica's share of the limits, never an unbounded pass-through; a warning metric either way; the store used again
 * as soon as it answers.
 */
class KeyLimiterStoreFailureTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final AtomicBoolean down = new AtomicBoolean(true);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private EmbeddedStateStore real;
    private StateStore store;
    private Vertx vertx;

    @BeforeEach
    void setUp() {
        real = EmbeddedStateStore.open(dir.resolve("state.bin"), Duration.ofMillis(50));
        // Every operation fails while the store is down, as an unreachable Redis does.
        store = (StateStore) Proxy.newProxyInstance(StateStore.class.getClassLoader(), new Class<?>[] { StateStore.class },
                (proxy, method, args) -> down.get() && method.getReturnType() == Uni.class
                        ? Uni.createFrom().failure(new StateStoreException("redis unreachable"))
                        : method.invoke(real, args));
        vertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() {
        real.close();
        vertx.close();
    }

    private KeyLimiter limiter(StoreFailure policy, int replicas) {
        return new KeyLimiter(store, vertx, new KeyLimiter.Settings(Duration.ofMinutes(1), 100, policy, replicas),
                meters);
    }

    private static Permit admit(KeyLimiter limiter, Caller caller, AtomicReference<RateStatus> status) {
        return limiter.admit(caller, new TokenDemand(1, 1L), status::set).await().atMost(WAIT);
    }

    private double failures() {
        return meters.get("wormhole.state.store.failures").counter().count();
    }

    @Test
    void failClosedAnswers503AndRecoversWhenTheStoreAnswers() {
        KeyLimiter limiter = limiter(StoreFailure.FAIL_CLOSED, 1);
        Caller caller = KeyLimiterContract.caller(10L, null);
        AtomicReference<RateStatus> status = new AtomicReference<>();
        assertThatThrownBy(() -> admit(limiter, caller, status)).isInstanceOfSatisfying(GatewayException.class, g -> {
            assertThat(g.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
            assertThat(g.retryAfter()).isPresent();
        });
        assertThat(failures()).isEqualTo(1);

        down.set(false);
        admit(limiter, caller, status);
        assertThat(status.get().requests().remaining()).isEqualTo(9);
    }

    @Test
    void failOpenAdmitsThisReplicasShareOfTheLimitsAndNoMore() {
        KeyLimiter limiter = limiter(StoreFailure.FAIL_OPEN, 3);
        Caller rpm = KeyLimiterContract.caller(6L, null);
        AtomicReference<RateStatus> status = new AtomicReference<>();
        admit(limiter, rpm, status);
        admit(limiter, rpm, status);
        assertThatThrownBy(() -> admit(limiter, rpm, status)).isInstanceOfSatisfying(GatewayException.class,
                g -> assertThat(g.kind()).isEqualTo(ErrorKind.RATE_LIMITED));
        assertThat(failures()).isEqualTo(3);

        Caller concurrent = KeyLimiterContract.caller(null, 2);
        Permit held = admit(limiter, concurrent, status);
        assertThatThrownBy(() -> admit(limiter, concurrent, status)).isInstanceOf(GatewayException.class);
        held.settle(Uni.createFrom().item(1), item -> null).await().atMost(WAIT);
        admit(limiter, concurrent, status).settle(Uni.createFrom().item(1), item -> null).await().atMost(WAIT);
    }

    @Test
    void failOpenGoesBackToTheSharedStoreAsSoonAsItAnswers() {
        KeyLimiter limiter = limiter(StoreFailure.FAIL_OPEN, 1);
        Caller caller = KeyLimiterContract.caller(5L, null);
        AtomicReference<RateStatus> status = new AtomicReference<>();
        admit(limiter, caller, status);
        assertThat(status.get()).isNull();
        down.set(false);
        admit(limiter, caller, status);
        assertThat(status.get().requests().remaining()).isEqualTo(4);
        assertThat(failures()).isEqualTo(1);
    }
}
