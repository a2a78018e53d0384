package dev.wormhole.testing;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.quarkus.arc.Unremovable;

/**
 * The span exporter of the in-process tests: Quarkus exports to every {@code SpanExporter} bean (and then not to
 * OTLP), so the spans of a test are read back from memory. Nothing is exported while tracing is off, which it is
 * unless a test profile configures an endpoint.
 */
public class InMemorySpans {

    @Produces
    @Singleton
    @Unremovable
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
