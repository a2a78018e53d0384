package dev.wormhole.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.wormhole.testing.GatewayProcess;

/** The packaged gateway refuses to serve unauthenticated on a public address. */
class StartupSafetyIT {

    @Test
    void refusesToStartOnANonLoopbackAddressWithoutAKey() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(Map.of("quarkus.http.host", "0.0.0.0"))) {
            assertThat(gateway.awaitExit(Duration.ofSeconds(60))).isNotZero();
            assertThat(gateway.output()).contains("Wormhole cannot start", "'0.0.0.0'", "not a loopback address",
                    "wormhole.auth.api-keys").doesNotContain("Listening on");
        }
    }

    @Test
    void startsOnANonLoopbackAddressWithAKey() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(Map.of("quarkus.http.host", "0.0.0.0",
                "wormhole.auth.api-keys", "a-key"))) {
            assertThat(gateway.awaitListening(Duration.ofSeconds(60))).isNotNull();
        }
    }
}
