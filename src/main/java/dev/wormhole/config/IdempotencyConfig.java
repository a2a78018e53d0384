package dev.wormhole.config;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.WithDefault;

/**
 * {@code Idempotency-Key} on the non-streamed POSTs ({@code wormhole.idempotency.*}): the first request with a key
 * runs, duplicates wait for it or get its stored response, kept in the state store so that every replica sees it.
 */
public interface IdempotencyConfig {

    /** Whether the {@code Idempotency-Key} header is honoured; when off it is ignored (and not validated). */
    @WithDefault("true")
    boolean enabled();

    /** How long a successful response is kept and replayed to a request with the same key, from when it was stored. */
    @WithDefault("24h")
    @DurationMin(millis = 1)
    Duration ttl();

    /** Largest response body kept for replay; a larger response is returned as usual but not kept. */
    @WithDefault("1M")
    MemorySize maxBody();

    /**
     * How long the lock of a first request outlives its replica: the lock is renewed every third of this while the
     * request runs (however long its deadline), so only a dead replica leaves it, and a waiting duplicate then
     * takes over after at most this long.
     */
    @WithDefault("15s")
    @DurationMin(seconds = 3)
    Duration lockTtl();

    /** First pause of a duplicate waiting for the first request; each further pause doubles, up to the maximum. */
    @WithDefault("20ms")
    @DurationMin(millis = 1)
    Duration pollInitial();

    /** Longest pause between two looks of a waiting duplicate at the state store. */
    @WithDefault("500ms")
    @DurationMin(millis = 1)
    Duration pollMax();
}
