package dev.wormhole.telemetry;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Tracing on the way a user turns it on: an OTLP endpoint, nothing else (here the WireMock upstream, which
 * accepts the exports). Spans are exported every 20 ms instead of every 5 s so that tests read them soon.
 */
public class TracingProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.otel.exporter.otlp.traces.endpoint", "${wormhole.providers.openai.base-url}/otlp",
                "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                "quarkus.otel.bsp.schedule.delay", "20ms");
    }
}
