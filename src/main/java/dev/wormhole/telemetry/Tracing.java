package dev.wormhole.telemetry;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * The gateway's own spans, beside the server span Quarkus makes per request. Off (every method a no-op that
 * allocates nothing) when the OpenTelemetry SDK is disabled, which it is until an OTLP endpoint is configured
 * ({@code dev.wormhole.config.TracingSwitch}). Spans never carry prompt or completion content.
 */
@ApplicationScoped
public class Tracing {

    private final Tracer tracer;

    Tracing(OpenTelemetry openTelemetry,
            @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "true") boolean disabled) {
        this.tracer = disabled ? null : openTelemetry.getTracer("dev.wormhole");
    }

    /** Whether spans are made at all. */
    public boolean on() {
        return tracer != null;
    }

    /** The context the calling code runs in (the request's server span, say), or null when tracing is off. */
    public Context current() {
        return tracer == null ? null : Context.current();
    }

    /** An internal span (an agent step, a batch item) under {@code parent}, or null when tracing is off. */
    public Traced internal(Context parent, String name, Attributes attributes) {
        return start(parent, name, SpanKind.INTERNAL, attributes);
    }

    /** A client span (a call to an upstream model) under {@code parent}, or null when tracing is off. */
    public Traced client(Context parent, String name, Attributes attributes) {
        return start(parent, name, SpanKind.CLIENT, attributes);
    }

    private Traced start(Context parent, String name, SpanKind kind, Attributes attributes) {
        if (tracer == null) {
            return null;
        }
        Context base = parent != null ? parent : Context.current();
        Span span = tracer.spanBuilder(name).setParent(base).setSpanKind(kind).setAllAttributes(attributes)
                .startSpan();
        return new Traced(span, base.with(span));
    }
}
