package dev.wormhole.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.wormhole.config.LimitsConfig.StoreFailure;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.ModelRef;
import dev.wormhole.provider.ProviderGuards;
import dev.wormhole.state.EmbeddedStateStore;
import dev.wormhole.state.StateStore;
import dev.wormhole.state.StateStoreException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * {@link ProviderLimiter} when the state store fails: under {@code fail-closed} a 503 the guards neither retry nor
 * count; under {@code fail-open} this replica's share of the quota, never an unbounded pass-through; the warning
 * metric tagged {@code use=provider-limits} either way; the shared store used again as soon as it answers.
 */
class ProviderLimiterStoreFailureTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ModelRef TARGET = new ModelRef("up", "m");

    @TempDir
    Path dir;

    private final AtomicBoolean down = new AtomicBoolean(true);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private EmbeddedStateStore real;
    private StateStore store;

    @BeforeEach
    void setUp() {
        real = EmbeddedStateStore.open(dir.resolve("state.bin"), Duration.ofMillis(50));
        // Every operation fails while the store is down, as an unreachable Redis does.
        store = (StateStore) Proxy.newProxyInstance(StateStore.class.getClassLoader(),
                new Class<?>[] { StateStore.class },
                (proxy, method, args) -> down.get() && method.getReturnType() == Uni.class
                        ? Uni.createFrom().failure(new StateStoreException("redis unreachable"))
                        : method.invoke(real, args));
    }

    @AfterEach
    void tearDown() {
        real.close();
    }

    private ProviderLimiter limiter(StoreFailure policy, int replicas, long rpm) {
        return new ProviderLimiter(store, Map.of("up", new ProviderLimiter.Quotas(new ProviderLimiter.Quota(rpm, null),
                Map.of())), new ProviderLimiter.Settings(100, policy, replicas), meters);
    }

    private static Permit admit(ProviderLimiter limiter) {
        return limiter.admit(TARGET, new TokenDemand(1, 1L)).await().atMost(WAIT);
    }

    private double failures() {
        return meters.get("wormhole.state.store.failures").tag("use", "provider-limits").counter().count();
    }

    @Test
    void failClosedAnswers503WhichTheGuardsDoNotRetryAndRecoversWhenTheStoreAnswers() {
        ProviderLimiter limiter = limiter(StoreFailure.FAIL_CLOSED, 1, 2);
        assertThatThrownBy(() -> admit(limiter)).isInstanceOfSatisfying(GatewayException.class, g -> {
            assertThat(g.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
            assertThat(g.retryAfter()).isPresent();
            assertThat(ProviderGuards.isTransient(g)).isFalse();
        });
        assertThat(failures()).isEqualTo(1);

        down.set(false);
        admit(limiter);
        admit(limiter);
        assertThatThrownBy(() -> admit(limiter)).isInstanceOfSatisfying(GatewayException.class,
                g -> assertThat(g.code()).isEqualTo(ProviderGuards.QUOTA_REFUSED));
        assertThat(failures()).isEqualTo(1);
    }

    @Test
    void failOpenAdmitsThisReplicasShareOfTheQuotaAndNoMore() {
        ProviderLimiter limiter = limiter(StoreFailure.FAIL_OPEN, 3, 6);
        admit(limiter);
        admit(limiter);
        assertThatThrownBy(() -> admit(limiter)).isInstanceOfSatisfying(GatewayException.class, g -> {
            assertThat(g.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
            assertThat(g.code()).isEqualTo(ProviderGuards.QUOTA_REFUSED);
            assertThat(g.getMessage()).contains("2 on this replica");
        });
        assertThat(failures()).isEqualTo(3);
        assertThat(meters.get("wormhole.provider.limit.refusals").tags("provider", "up", "scope", "provider", "limit",
                "rpm").counter().count()).isEqualTo(1);
    }

    @Test
    void failOpenGoesBackToTheSharedStoreAsSoonAsItAnswers() {
        ProviderLimiter limiter = limiter(StoreFailure.FAIL_OPEN, 1, 2);
        admit(limiter);
        down.set(false);
        // The shared window did not see the call admitted locally: it admits its own two.
        admit(limiter);
        admit(limiter);
        assertThatThrownBy(() -> admit(limiter)).isInstanceOf(GatewayException.class);
        assertThat(failures()).isEqualTo(1);
    }
}
