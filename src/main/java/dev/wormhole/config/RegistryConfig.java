package dev.wormhole.config;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.WithDefault;

/** The provider instance cache ({@code wormhole.registry.*}); out-of-range values stop start-up, naming the key. */
public interface RegistryConfig {

    /** An instance with no lease that was not used for this long is closed by the sweep. */
    @WithDefault("10m")
    @DurationMin(millis = 1)
    Duration idleTimeout();

    /** Most provider instances kept open; the least recently used idle ones are closed beyond it. */
    @WithDefault("64")
    @Min(1)
    int maxInstances();

    /** How often the idle sweep runs. */
    @WithDefault("30s")
    @DurationMin(millis = 1)
    Duration sweepInterval();
}
