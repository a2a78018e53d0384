package dev.wormhole.api.dashboard;

import java.time.Duration;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Turns on Micrometer's client-side percentiles (p50, p95, p99 over a sliding minute) on the request latency timer
 * ({@code wormhole.request.duration}), which the dashboard reads per provider and model. Quarkus applies every
 * {@link MeterFilter} bean to its registries; Prometheus also exposes them, as {@code quantile} series.
 */
@Singleton
public class LatencyPercentiles implements MeterFilter {

    static final String TIMER = "wormhole.request.duration";

    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (!TIMER.equals(id.getName())) {
            return config;
        }
        return DistributionStatisticConfig.builder()
                .percentiles(0.5, 0.95, 0.99)
                .percentilePrecision(2)
                .expiry(Duration.ofMinutes(1))
                .bufferLength(3)
                .build().merge(config);
    }
}
