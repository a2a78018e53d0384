package dev.wormhole.config;

import jakarta.validation.constraints.Min;

import io.smallrye.config.WithDefault;

/**
 * Limits of {@code POST /v1/batch} ({@code wormhole.batch.*}); its body is bounded by
 * {@code wormhole.limits.max-request-body}. Out-of-range values stop start-up, naming the key.
 */
public interface BatchConfig {

    /** Items run at once when the request names no {@code concurrency}. */
    @WithDefault("10")
    @Min(1)
    int defaultConcurrency();

    /** Most items of one batch in flight at once, whatever the request asks. */
    @WithDefault("100")
    @Min(1)
    int maxConcurrency();

    /** Most items in one batch. */
    @WithDefault("1000")
    @Min(1)
    int maxItems();
}
