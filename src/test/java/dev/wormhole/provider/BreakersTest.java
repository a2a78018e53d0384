package dev.wormhole.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.wormhole.config.CircuitBreakerConfig;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import dev.wormhole.testing.TestConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.mutiny.Uni;

/** A Quarkus test only because SmallRye's programmatic guards need its container. */
@QuarkusTest
class BreakersTest {

    private final CircuitBreakerConfig config = TestConfig.of(Map.of("wormhole.providers.p.dialect", "openai",
            "wormhole.providers.p.circuit-breaker.request-volume", "2")).providers().get("p").circuitBreaker();

    @Test
    void keepsTheNumberOfDeploymentBreakersBoundedAndKeepsOpenOnes() {
        Breakers breakers = new Breakers(new SimpleMeterRegistry());
        for (int i = 0; i < 2; i++) {
            breakers.deployment("p", "down", Operation.CHAT, config).get(
                    () -> Uni.createFrom().failure(GatewayException.of(ErrorKind.UNAVAILABLE, "x", "503")),
                    new jakarta.enterprise.util.TypeLiteral<Uni<Object>>() {
                    }).onFailure().recoverWithNull().await().indefinitely();
        }
        assertThat(breakers.deploymentState("p", "down", Operation.CHAT)).isEqualTo(CircuitBreakerState.OPEN);

        for (int i = 0; i < Breakers.MAX_DEPLOYMENTS + 100; i++) {
            breakers.deployment("p", "model-" + i, Operation.CHAT, config);
        }

        assertThat(breakers.deploymentState("p", "down", Operation.CHAT)).isEqualTo(CircuitBreakerState.OPEN);
        assertThat(breakers.notClosed("p", 10)).containsExactly("p/down chat open");
        assertThat(breakers.deploymentCount()).isEqualTo(Breakers.MAX_DEPLOYMENTS);
    }
}
