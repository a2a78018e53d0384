package dev.wormhole.api.dashboard;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One snapshot of the dashboard ({@code GET /dashboard/snapshot}, and each event of {@code /dashboard/events}):
 * providers, catalog, live traffic, today's usage, running batches and the last errors. Every list is bounded.
 * Reflection: the events are written through {@code JsonWriter}, outside any REST signature.
 *
 * @param generatedAt   when the snapshot was taken (ISO-8601, UTC)
 * @param refreshMillis how often the live stream sends one
 */
@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DashboardView(String object, String generatedAt, long refreshMillis, List<ProviderRow> providers,
        List<CatalogRow> catalog, List<TrafficRow> traffic, UsagePart usage, List<BatchRow> batches,
        List<ErrorRow> errors) {

    /**
     * A provider: whether an instance is open and how many requests hold it, its worst breaker state (the
     * provider-wide one or any model's), the models whose breaker is not closed, and its bulkhead.
     */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ProviderRow(String id, String dialect, boolean instantiated, int inFlight, String breaker,
            List<String> openBreakers, int bulkheadLimit, int bulkheadQueue, long bulkheadRejections) {
    }

    /** A provider's part of the model catalog and how fresh it is; staleness is null when it never refreshed. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CatalogRow(String provider, int models, int live, int fallback, String lastRefresh,
            Long stalenessSeconds, boolean stale, String lastError) {
    }

    /**
     * Traffic of one operation, provider and model since start, its rates over the last refresh interval and its
     * latency percentiles over the last minute (null without successful calls). Failed calls carry no model
     * ({@code -}), as in the Prometheus metrics: arbitrary names sent by clients must not add rows.
     */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TrafficRow(String operation, String provider, String model, long requests, long errors,
            double requestsPerSecond, double errorsPerSecond, Double p50Ms, Double p95Ms, Double p99Ms) {
    }

    /** Usage of the UTC day {@code day} per key and model, the most expensive first, and whether rows were left off. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record UsagePart(String day, List<UsageRow> rows, boolean truncated) {
    }

    /** One key's usage of one model; {@code keyName} is null for a deleted key or a caller without a virtual key. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record UsageRow(String key, String keyName, String provider, String model, long requests, long errors,
            long promptTokens, long completionTokens, BigDecimal costUsd) {
    }

    /** A batch running now, identified by the id of its request. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record BatchRow(String requestId, String mode, int items, int completed, int failed, int inFlight,
            int concurrency, long elapsedMs) {
    }

    /** An error answered to a client: never the request's content, never a key. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ErrorRow(String at, String requestId, String method, String route, int status, String code,
            String message) {
    }
}
