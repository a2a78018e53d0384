package dev.wormhole.config;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.WithDefault;

/** Retries of transient faults, with exponential backoff and jitter. */
public interface RetryConfig {

    /** Retries after the first attempt; 0 disables retrying. */
    @WithDefault("2")
    @Min(0)
    int maxRetries();

    /** Backoff before the first retry; it doubles for each further one. */
    @WithDefault("250ms")
    @DurationMin(millis = 0)
    Duration delay();

    /** Longest backoff between two attempts (before jitter). */
    @WithDefault("8s")
    @DurationMin(millis = 0)
    Duration maxDelay();

    /** Random extra delay, up to this much, added to each backoff. */
    @WithDefault("100ms")
    @DurationMin(millis = 0)
    Duration jitter();

    /**
     * Longest {@code Retry-After} (or rate-limit reset) honoured; a longer one is not waited for: the call
     * fails over to the next target instead.
     */
    @WithDefault("30s")
    Duration maxRetryAfter();
}
