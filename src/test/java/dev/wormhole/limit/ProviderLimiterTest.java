package dev.wormhole.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.wormhole.config.LimitsConfig.StoreFailure;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.ModelRef;
import dev.wormhole.core.Usage;
import dev.wormhole.provider.ProviderGuards;
import dev.wormhole.limit.KeyLimiterContract.Chunk;
import dev.wormhole.state.EmbeddedStateStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/**
 * {@link ProviderLimiter} on the embedded store: a provider's quota and its deployments' together, what a refusal
 * gives back, and the token correction when an attempt ends.
 */
class ProviderLimiterTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private EmbeddedStateStore store;
    private ProviderLimiter limiter;

    @BeforeEach
    void setUp() {
        store = EmbeddedStateStore.open(dir.resolve("state.bin"), Duration.ofMillis(50));
        limiter = new ProviderLimiter(store, Map.of("up", new ProviderLimiter.Quotas(new ProviderLimiter.Quota(3L,
                100L), Map.of("small", new ProviderLimiter.Quota(1L, null)))),
                new ProviderLimiter.Settings(50, StoreFailure.FAIL_CLOSED, 1), meters);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private Permit admit(String model, TokenDemand demand) {
        return limiter.admit(new ModelRef("up", model), demand).await().atMost(WAIT);
    }

    private static void end(Permit permit, Usage usage) {
        permit.settle(Uni.createFrom().item(1), item -> usage).await().atMost(WAIT);
    }

    private static void assertRefused(Runnable attempt, String limit) {
        assertThatThrownBy(attempt::run).isInstanceOfSatisfying(GatewayException.class, g -> {
            assertThat(g.code()).isEqualTo(ProviderGuards.QUOTA_REFUSED);
            assertThat(g.getMessage()).contains(limit);
            assertThat(g.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive());
        });
    }

    @Test
    void anUnlimitedProviderIsNotCounted() {
        assertThat(limiter.admit(new ModelRef("other", "m"), null).await().atMost(WAIT)).isSameAs(Permit.NONE);
    }

    @Test
    void aDeploymentRefusalGivesBackWhatItsProviderCounted() {
        end(admit("small", new TokenDemand(1, 1L)), Usage.of(1, 1));
        for (int i = 0; i < 5; i++) {
            assertRefused(() -> admit("small", new TokenDemand(1, 1L)), "model 'small' of provider 'up'");
        }
        // The refused calls took nothing from the provider's 3 requests: two more fit.
        end(admit("big", new TokenDemand(1, 1L)), Usage.of(1, 1));
        end(admit("big", new TokenDemand(1, 1L)), Usage.of(1, 1));
        assertRefused(() -> admit("big", new TokenDemand(1, 1L)), "requests per minute (3)");
        assertThat(meters.get("wormhole.provider.limit.refusals").tags("scope", "deployment", "limit", "rpm")
                .counter().count()).isEqualTo(5);
    }

    @Test
    void aReservationIsCorrectedByTheTokensUsedAndAnUnknownUsageCountsThePrompt() {
        // 10 prompt + 50 default output reserved; the call used 12: 88 left of 100.
        end(admit("big", new TokenDemand(10, null)), Usage.of(10, 2));
        // A failed call (no usage) counts its prompt, 30: 58 left.
        Permit failed = admit("big", new TokenDemand(30, 20L));
        assertThatThrownBy(() -> failed.settle(Uni.createFrom().failure(new IllegalStateException("boom")),
                item -> null).await().atMost(WAIT)).isInstanceOf(IllegalStateException.class);
        assertRefused(() -> admit("big", new TokenDemand(9, 50L)), "tokens per minute (100)");
        end(admit("big", new TokenDemand(8, 50L)), Usage.of(8, 50));
    }

    @Test
    void aCutStreamCountsItsPromptAndTheOutputSeen() {
        Permit permit = admit("big", new TokenDemand(10, 80L));
        Multi<Chunk> cut = permit.settleStream(Uni.createFrom().item(Multi.createFrom().items(new Chunk(), new Chunk())
                .onCompletion().failWith(() -> new IllegalStateException("cut")))).await().atMost(WAIT);
        assertThatThrownBy(() -> cut.collect().asList().await().atMost(WAIT)).hasMessage("cut");
        assertExactlyUsed(12);
    }

    @Test
    void aCancelledStreamCountsItsPrompt() {
        Permit permit = admit("big", new TokenDemand(10, 80L));
        Multi<Chunk> stream = permit.settleStream(Uni.createFrom().item(Multi.createFrom().<Chunk>nothing()))
                .await().atMost(WAIT);
        AssertSubscriber<Chunk> reader = stream.subscribe().withSubscriber(AssertSubscriber.create(1));
        reader.cancel();
        assertExactlyUsed(10);
    }

    /** The provider's window (100 tokens) holds exactly {@code used}: the rest fits, one token more does not. */
    private void assertExactlyUsed(long used) {
        // The correction runs when the stream ends; a refused admission counts nothing, so polling is safe.
        await().atMost(WAIT).untilAsserted(() -> admit("big", new TokenDemand(0, 100 - used)));
        assertRefused(() -> admit("big", new TokenDemand(0, 1L)), "tokens per minute (100)");
    }
}
