package dev.wormhole.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * One server-side tool, {@code wormhole.tools.<name>.*}: the guards of any tool (bean or built-in), and, when
 * {@code url} is set, an HTTP tool defined entirely by configuration.
 */
public interface ToolConfig {

    /** HTTP tools: the only URL the tool calls; the arguments are sent as its JSON body. */
    Optional<URI> url();

    /** HTTP tools: the method. */
    @WithDefault("POST")
    String method();

    /** HTTP tools: what the model is told the tool does. */
    Optional<String> description();

    /** HTTP tools: the JSON schema of the arguments, as JSON text. */
    Optional<String> schema();

    /**
     * HTTP tools: headers sent with every call. Put secrets in the environment and refer to them, e.g.
     * {@code Bearer ${WEATHER_TOKEN}}; header values are never logged or returned.
     */
    Map<String, String> headers();

    /** HTTP tools: whether a call may be repeated safely (then it is retried on transient faults). */
    @WithDefault("false")
    boolean idempotent();

    /** Longest one call of the tool may take. */
    @WithDefault("10s")
    Duration timeout();

    /** Retries of transient failures (idempotent tools only). */
    RetryConfig retry();

    /** The tool's own breaker. */
    @WithName("circuit-breaker")
    CircuitBreakerConfig circuitBreaker();

    /** Concurrent calls of the tool. */
    BulkheadConfig bulkhead();
}
