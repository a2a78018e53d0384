package dev.wormhole.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.WithDefault;

/**
 * Where the gateway keeps state that outlives a request (virtual keys, limits, budgets, usage),
 * {@code wormhole.state.*}.
 */
public interface StateConfig {

    /**
     * {@code embedded} keeps state in the process and in {@link #file()} (one replica); {@code redis} keeps it in the
     * Redis at {@link #redisUrl()}, shared by every replica.
     */
    @WithDefault("embedded")
    Backend backend();

    /**
     * File the embedded store is persisted to and read back from at start; a relative path starts at the working
     * directory.
     */
    @WithDefault(".wormhole/state.bin")
    Path file();

    /**
     * How soon after a change the embedded store writes its file: a crash loses at most the changes of this interval.
     */
    @WithDefault("1s")
    @DurationMin(millis = 1)
    Duration flushInterval();

    /**
     * Redis to use with {@code backend=redis}: {@code redis://[[user]:password@]host:port/db}, {@code rediss://} for TLS.
     * Its password is never logged.
     */
    Optional<URI> redisUrl();

    /** Connections the gateway keeps open to Redis. */
    @WithDefault("16")
    @Min(1)
    int redisPoolSize();

    /** Longest one Redis command may take before it fails (a store that hangs must not hang requests). */
    @WithDefault("2s")
    @DurationMin(millis = 1)
    Duration redisTimeout();

    /** Prefix of every Redis key the gateway writes, so that several deployments can share one Redis. */
    @WithDefault("wormhole:")
    @Pattern(regexp = "[A-Za-z0-9:._-]*", message = "may hold only letters, digits, ':', '.', '_' and '-'")
    String keyPrefix();

    /** The two state stores. Written in configuration in lower case. */
    enum Backend {
        /** In the process, persisted to a local file; for a single replica. */
        EMBEDDED,
        /** Redis, shared by every replica. */
        REDIS
    }
}
