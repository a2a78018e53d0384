package dev.wormhole.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.wormhole.testing.GatewayProcess;

/**
 * Settings out of their declared range stop the packaged gateway at start-up, all of them reported at once with
 * their keys, instead of failing a request later (a {@code max-parallel-tools} of 0 used to reach a
 * {@code merge(0)} at request time).
 */
class ConfigConstraintsIT {

    @Test
    void outOfRangeSettingsStopStartUpNamingEveryKey() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(Map.of(
                "wormhole.agent.max-parallel-tools", "0",
                "wormhole.batch.default-concurrency", "0",
                "wormhole.registry.max-instances", "0",
                "wormhole.retry-budget.ratio", "-1",
                "wormhole.registry.sweep-interval", "0s",
                "wormhole.providers.simulator.max-connections", "0",
                "wormhole.tools.calculator.circuit-breaker.failure-ratio", "2",
                "wormhole.dashboard.refresh", "2m"))) {
            assertThat(gateway.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(gateway.output()).contains("wormhole.agent.max-parallel-tools", "wormhole.batch.default-concurrency",
                    "wormhole.registry.max-instances", "wormhole.retry-budget.ratio", "wormhole.registry.sweep-interval",
                    "wormhole.providers.simulator.max-connections", "wormhole.tools.calculator.circuit-breaker.failure-ratio",
                    "wormhole.dashboard.refresh").doesNotContain("Listening on");
        }
    }

    @Test
    void anUnknownConstantStopsStartUpNamingTheAcceptedOnes() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(Map.of("wormhole.providers.simulator.wire-api", "graphql"))) {
            assertThat(gateway.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(gateway.output()).contains("wormhole.providers.simulator.wire-api", "graphql", "chat-completions")
                    .doesNotContain("Listening on");
        }
    }

    @Test
    void theDefaultsAreInRange() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(Map.of())) {
            assertThat(gateway.awaitListening(Duration.ofSeconds(60))).isNotNull();
        }
    }
}
