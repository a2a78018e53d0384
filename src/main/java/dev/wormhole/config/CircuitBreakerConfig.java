package dev.wormhole.config;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.WithDefault;

/** A circuit breaker over a rolling window of calls; only transient faults count as failures. */
public interface CircuitBreakerConfig {

    /** Calls in the rolling window the failure ratio is computed over. */
    @WithDefault("20")
    @Min(1)
    int requestVolume();

    /** Ratio of failed calls in the window that opens the breaker. */
    @WithDefault("0.5")
    @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0")
    @DecimalMax(value = "1", message = "must be at most 1")
    double failureRatio();

    /** How long an open breaker rejects calls before letting probes through (half-open). */
    @WithDefault("30s")
    @DurationMin(millis = 1)
    Duration delay();

    /** Successful probes that close a half-open breaker. */
    @WithDefault("2")
    @Min(1)
    int successThreshold();
}
