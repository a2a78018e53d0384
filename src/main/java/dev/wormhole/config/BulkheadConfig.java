package dev.wormhole.config;

import jakarta.validation.constraints.Min;

import io.smallrye.config.WithDefault;

/** A bound on concurrent calls, with a bounded queue behind it; beyond both, calls are rejected at once. */
public interface BulkheadConfig {

    /** Calls running at once. */
    @WithDefault("64")
    @Min(1)
    int maxConcurrent();

    /** Calls waiting for a free slot (at least 1). */
    @WithDefault("256")
    @Min(1)
    int queue();
}
