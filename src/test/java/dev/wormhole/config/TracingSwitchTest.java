package dev.wormhole.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class TracingSwitchTest {

    @Test
    void tracingIsOffWhenNoEndpointIsConfigured() {
        assertThat(disabled(Map.of(), Map.of())).isEqualTo("true");
    }

    @Test
    void aDefaultValueOfTheSdkSwitchIsNoOnesChoice() {
        assertThat(disabled(Map.of(), Map.of(TracingSwitch.SDK_DISABLED, "false"))).isEqualTo("true");
    }

    @Test
    void anyOtlpEndpointTurnsTracingOn() {
        for (String key : TracingSwitch.ENDPOINTS) {
            assertThat(disabled(Map.of(key, "http://collector:4318"), Map.of())).as(key).isEqualTo("false");
        }
    }

    @Test
    void aDefaultEndpointDoesNotTurnTracingOn() {
        assertThat(disabled(Map.of(), Map.of("quarkus.otel.exporter.otlp.endpoint", "http://localhost:4317")))
                .isEqualTo("true");
    }

    @Test
    void anExplicitSwitchWinsBothWays() {
        assertThat(disabled(Map.of(TracingSwitch.SDK_DISABLED, "false"), Map.of())).isEqualTo("false");
        assertThat(disabled(Map.of(TracingSwitch.SDK_DISABLED, "true", "quarkus.otel.exporter.otlp.endpoint",
                "http://collector:4317"), Map.of())).isEqualTo("true");
    }

    @Test
    void otherPropertiesPassThrough() {
        SmallRyeConfig config = config(Map.of("wormhole.x", "1"), Map.of());
        assertThat(config.getRawValue("wormhole.x")).isEqualTo("1");
    }

    private static String disabled(Map<String, String> chosen, Map<String, String> defaults) {
        return config(chosen, defaults).getRawValue(TracingSwitch.SDK_DISABLED);
    }

    private static SmallRyeConfig config(Map<String, String> chosen, Map<String, String> defaults) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(new HashMap<>(chosen), "application", 250))
                .withSources(new PropertiesConfigSource(new HashMap<>(defaults), "defaults", Integer.MIN_VALUE + 100))
                .withInterceptors(new TracingSwitch())
                .build();
    }
}
