package dev.wormhole.config;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMin;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.WithDefault;

/** Size limits of requests and upstream replies, and how virtual keys' rate and concurrency limits are kept. */
public interface LimitsConfig {

    /** Largest request body accepted on {@code /v1/**}; larger bodies get a 413. */
    @WithDefault("20M")
    MemorySize maxRequestBody();

    /** Largest single server-sent event accepted from an upstream stream. */
    @WithDefault("10M")
    MemorySize maxUpstreamFrame();

    /** Largest non-streamed upstream response body. */
    @WithDefault("32M")
    MemorySize maxUpstreamBody();

    /** Longest request URI (path and query) accepted; longer ones get a 414. */
    @WithDefault("16K")
    MemorySize maxUriLength();

    /** Largest total size of a request's headers (names and values); larger ones get a 431. */
    @WithDefault("64K")
    MemorySize maxHeaderSize();

    /** Largest image a request may inline as a base64 {@code data:} URL, measured decoded; larger is a 400. */
    @WithDefault("20M")
    MemorySize maxImageSize();

    /**
     * How long a virtual key's concurrency slot is held without renewal: a request in flight renews it every half
     * of this, so only a replica that dies leaves a slot taken, and for at most this long.
     */
    @WithDefault("1m")
    @DurationMin(seconds = 1)
    Duration leaseTtl();

    /**
     * Output tokens reserved against a key's (or a provider's) tokens per minute for a request that sets no
     * {@code max_tokens} (corrected by the real usage when the call ends).
     */
    @WithDefault("4096")
    @Min(1)
    long defaultMaxTokens();

    /**
     * What a call of a rate-limited key (or an attempt on a provider with limits) gets when the state store fails:
     * {@code fail-closed} a 503, or {@code fail-open} admission under this replica's share of the limits
     * ({@link #expectedReplicas()}), counted in {@code wormhole_state_store_failures_total}; the store is tried again
     * on every call.
     */
    @WithDefault("fail-closed")
    StoreFailure onStoreFailure();

    /** Replicas the limits are shared by, for {@code fail-open}: each admits its share of a key's limits alone. */
    @WithDefault("1")
    @Min(1)
    int expectedReplicas();

    /** What a rate-limited call gets when the state store fails. Written in configuration in kebab case. */
    enum StoreFailure {
        /** A 503: no call of a limited key goes out unchecked. */
        FAIL_CLOSED,
        /** Admission under a local, per-replica share of the key's limits, with a warning metric. */
        FAIL_OPEN
    }
}
