package dev.wormhole.config;

import java.util.List;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;

/**
 * Turns tracing on exactly when an OTLP endpoint is configured: {@code quarkus.otel.sdk.disabled}, when nobody set
 * it, is {@code true} unless {@code quarkus.otel.exporter.otlp[.traces].endpoint} (or the SDK's own
 * {@code OTEL_EXPORTER_OTLP[_TRACES]_ENDPOINT}) has a value. Quarkus's default would export to
 * {@code localhost:4317} and log a failure per batch on every machine without a collector; with the SDK disabled
 * the OpenTelemetry API is a no-op, the Vert.x tracer is not installed and the gateway's own spans are skipped.
 * An explicit {@code quarkus.otel.sdk.disabled} always wins. Values from a default source (negative ordinal) are
 * no one's choice.
 */
public final class TracingSwitch implements ConfigSourceInterceptor {

    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    static final List<String> ENDPOINTS = List.of("quarkus.otel.exporter.otlp.traces.endpoint",
            "quarkus.otel.exporter.otlp.endpoint", "otel.exporter.otlp.traces.endpoint", "otel.exporter.otlp.endpoint");

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!SDK_DISABLED.equals(name) || chosen(value)) {
            return value;
        }
        String disabled = String.valueOf(ENDPOINTS.stream().noneMatch(key -> chosen(context.restart(key))));
        ConfigValue base = value != null ? value : ConfigValue.builder().withName(name).build();
        return base.withValue(disabled).withConfigSourceName(getClass().getSimpleName());
    }

    private static boolean chosen(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank()
                && value.getConfigSourceOrdinal() > 0;
    }
}
