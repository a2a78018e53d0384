package dev.wormhole.api.dashboard;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.config.WormholeConfig;
import dev.wormhole.routing.UsageMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;

/**
 * Traffic per operation, provider and model, read from the Micrometer meters the routing layer keeps
 * ({@code wormhole.requests}, {@code wormhole.request.duration} with {@link LatencyPercentiles}). Rates are the
 * growth of those counters between two samples at least one refresh interval apart, shared by every viewer, so
 * any number of open dashboards measure the same window.
 */
@ApplicationScoped
public class TrafficPanel {

    static final int MAX_ROWS = 100;
    private static final String REQUESTS = "wormhole.requests";

    private final MeterRegistry meters;
    private final long minIntervalNanos;
    private Sample previous;
    private Sample current;

    TrafficPanel(MeterRegistry meters, WormholeConfig config) {
        this.meters = meters;
        this.minIntervalNanos = config.dashboard().refresh().toNanos() * 9 / 10;
    }

    /** Counts at one moment, by row key. */
    private record Sample(long nanos, Map<String, Counts> counts) {
    }

    /** Requests and errors of one row. */
    private static final class Counts {
        final String operation;
        final String provider;
        final String model;
        long requests;
        long errors;

        Counts(String operation, String provider, String model) {
            this.operation = operation;
            this.provider = provider;
            this.model = model;
        }
    }

    /** The rows with the most requests first, at most {@link #MAX_ROWS}. */
    public synchronized List<DashboardView.TrafficRow> rows() {
        Map<String, Counts> counts = read();
        long now = System.nanoTime();
        if (current == null || now - current.nanos >= minIntervalNanos) {
            previous = current;
            current = new Sample(now, counts);
        }
        Map<String, Timer> timers = new HashMap<>();
        for (Timer timer : meters.find(LatencyPercentiles.TIMER).tag("outcome", UsageMetrics.OK).timers()) {
            timers.put(key(timer.getId().getTag("operation"), timer.getId().getTag("provider"),
                    timer.getId().getTag("model")), timer);
        }
        double seconds = previous == null ? 0 : (current.nanos - previous.nanos) / 1e9;
        return counts.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, Counts> e) -> e.getValue().requests).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(MAX_ROWS)
                .map(e -> row(e.getKey(), e.getValue(), seconds, timers.get(e.getKey())))
                .toList();
    }

    private DashboardView.TrafficRow row(String key, Counts now, double seconds, Timer timer) {
        double requestRate = 0;
        double errorRate = 0;
        Counts then = previous == null ? null : previous.counts.get(key);
        Counts latest = current.counts.get(key);
        if (seconds > 0 && latest != null) {
            requestRate = (latest.requests - (then == null ? 0 : then.requests)) / seconds;
            errorRate = (latest.errors - (then == null ? 0 : then.errors)) / seconds;
        }
        Double p50 = null;
        Double p95 = null;
        Double p99 = null;
        if (timer != null) {
            for (ValueAtPercentile v : timer.takeSnapshot().percentileValues()) {
                double millis = round(v.value(TimeUnit.MILLISECONDS));
                if (v.percentile() == 0.5) {
                    p50 = millis;
                } else if (v.percentile() == 0.95) {
                    p95 = millis;
                } else if (v.percentile() == 0.99) {
                    p99 = millis;
                }
            }
        }
        return new DashboardView.TrafficRow(now.operation, now.provider, now.model, now.requests, now.errors,
                round(requestRate), round(errorRate), p50, p95, p99);
    }

    private Map<String, Counts> read() {
        Map<String, Counts> counts = new HashMap<>();
        for (Counter counter : meters.find(REQUESTS).counters()) {
            String operation = counter.getId().getTag("operation");
            String provider = counter.getId().getTag("provider");
            String model = counter.getId().getTag("model");
            String outcome = counter.getId().getTag("outcome");
            Counts c = counts.computeIfAbsent(key(operation, provider, model), k -> new Counts(operation, provider,
                    model));
            long n = (long) counter.count();
            c.requests += n;
            if (!UsageMetrics.OK.equals(outcome) && !UsageMetrics.CANCELLED.equals(outcome)) {
                c.errors += n;
            }
        }
        return counts;
    }

    private static String key(String operation, String provider, String model) {
        return operation + '\u0000' + provider + '\u0000' + model;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
