package dev.wormhole.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.hibernate.validator.constraints.time.DurationMin;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.WithDefault;

/**
 * Generated images the gateway serves itself ({@code wormhole.images.*}): when a client asks for
 * {@code response_format=url} and the provider returned bytes, they are kept in memory on this replica and served
 * under a signed URL that expires.
 */
public interface ImagesConfig {

    /** How long a signed image URL works (and its bytes are kept). */
    @WithDefault("1h")
    @DurationMin(millis = 1)
    Duration urlTtl();

    /** Most bytes of images kept at once; the oldest are dropped first (their URLs then answer 404). */
    @WithDefault("64M")
    MemorySize maxStoredBytes();

    /**
     * Scheme, host and port the signed URLs start with, when clients reach the gateway through another address
     * than the one in their request (a proxy that rewrites the host); unset: taken from each request.
     */
    Optional<URI> publicBaseUrl();
}
