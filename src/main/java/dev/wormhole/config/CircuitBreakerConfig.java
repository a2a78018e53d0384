package dev.wormhole.config;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/** A circuit breaker over a rolling window of calls; only transient faults count as failures. */
public interface CircuitBreakerConfig {

    /** Calls in the rolling window the failure ratio is computed over. */
    @WithDefault("20")
    int requestVolume();

    /** Ratio of failed calls in the window that opens the breaker. */
    @WithDefault("0.5")
    double failureRatio();

    /** How long an open breaker rejects calls before letting probes through (half-open). */
    @WithDefault("30s")
    Duration delay();

    /** Successful probes that close a half-open breaker. */
    @WithDefault("2")
    int successThreshold();
}
