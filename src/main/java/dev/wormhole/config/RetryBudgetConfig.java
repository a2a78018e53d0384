package dev.wormhole.config;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.WithDefault;

/** The retry budget of each provider ({@code wormhole.retry-budget.*}); out-of-range values stop start-up. */
public interface RetryBudgetConfig {

    /** Retries allowed as a fraction of the calls in the window. */
    @WithDefault("0.2")
    @DecimalMin("0")
    double ratio();

    /** The sliding window the ratio is measured over. */
    @WithDefault("10s")
    @DurationMin(millis = 1)
    Duration window();

    /** Retries always allowed per window, so that a quiet provider can still retry. */
    @WithDefault("10")
    @Min(0)
    int minRetries();
}
