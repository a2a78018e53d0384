package dev.wormhole.config;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.WithDefault;

/** The operator's live dashboard at {@code /dashboard}. */
public interface DashboardConfig {

    /** Whether {@code /dashboard} is served at all; when off it answers 404. */
    @WithDefault("true")
    boolean enabled();

    /** How often the live stream sends a fresh snapshot; rates are measured over at least this interval. */
    @WithDefault("1s")
    @DurationMin(millis = 100)
    @DurationMax(minutes = 1)
    Duration refresh();
}
