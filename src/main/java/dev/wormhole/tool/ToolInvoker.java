package dev.wormhole.tool;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.config.ToolConfig;
import dev.wormhole.config.WormholeConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;

/**
 * Runs tools under their own SmallRye Fault Tolerance guards, one programmatic guard per tool (annotations
 * would share one breaker and bulkhead across tools): bulkhead with a bounded queue, circuit breaker, retry
 * (idempotent tools only, backoff with jitter) and timeout. The timeout is enforced inside the bulkhead by
 * cancelling the tool's Uni, so a slow call gives its permit back; Fault Tolerance's timeout stands behind
 * it. Arguments are validated before any permit is taken. Every outcome, failures included, is a
 * {@link ToolOutcome}; nothing here fails with an exception.
 */
@ApplicationScoped
public class ToolInvoker {

    private static final TypeLiteral<Uni<JsonNode>> UNI = new TypeLiteral<>() {
    };
    private static final Duration BACKSTOP = Duration.ofMillis(250);

    private final ToolRegistry registry;
    private final WormholeConfig config;
    private final MeterRegistry meters;
    private final ObjectMapper json;
    private final Map<String, Guard> guards = new ConcurrentHashMap<>();

    ToolInvoker(ToolRegistry registry, WormholeConfig config, MeterRegistry meters, ObjectMapper json) {
        this.registry = registry;
        this.config = config;
        this.meters = meters;
        this.json = json;
    }

    /** Runs a tool by name with JSON arguments. */
    public Uni<ToolOutcome> invoke(String name, JsonNode arguments) {
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            Tool tool = registry.find(name).orElse(null);
            if (tool == null) {
                return Uni.createFrom().item(failed(name, "unknown_tool", "No tool named '" + name + "'.", start));
            }
            JsonNode args = arguments == null || arguments.isNull() ? json.createObjectNode() : arguments;
            List<String> problems = SchemaValidator.validate(args, tool.parameters());
            if (!problems.isEmpty()) {
                return Uni.createFrom().item(recorded(failed(name, "invalid_arguments",
                        "Invalid arguments: " + String.join("; ", problems) + ".", start)));
            }
            Duration timeout = config.tools().get(name).timeout();
            Uni<JsonNode> guarded = guard(tool).get(() -> tool.execute(args)
                    .ifNoItem().after(timeout).failWith(() -> new TimeoutException("timed out")), UNI);
            return guarded.map(result -> outcome(name, result, start))
                    .onFailure().recoverWithItem(failure -> failed(name, errorType(failure), message(name, failure,
                            timeout), start))
                    .map(this::recorded);
        });
    }

    /** The breaker state of a tool (closed until its first call). */
    public CircuitBreakerState state(String name) {
        return guards.containsKey(name) ? CircuitBreakerMaintenance.get().currentState("tool/" + name)
                : CircuitBreakerState.CLOSED;
    }

    /** Closes every tool breaker (tests and operators). */
    public void resetAll() {
        guards.keySet().forEach(name -> CircuitBreakerMaintenance.get().reset("tool/" + name));
    }

    private Guard guard(Tool tool) {
        return guards.computeIfAbsent(tool.name(), name -> {
            ToolConfig settings = config.tools().get(name);
            Counter rejections = Counter.builder("wormhole.tool.bulkhead.rejections").tag("tool", name)
                    .description("Tool calls rejected because the tool's bulkhead and queue were full").register(meters);
            Guard guard = Guard.create().withDescription("tool " + name)
                    .withRetry()
                        .maxRetries(tool.idempotent() ? settings.retry().maxRetries() : 0)
                        .delay(settings.retry().delay().toMillis(), ChronoUnit.MILLIS)
                        .jitter(settings.retry().jitter().toMillis(), ChronoUnit.MILLIS)
                        .whenException(ToolInvoker::isTransient)
                        .withExponentialBackoff().maxDelay(settings.retry().maxDelay().toMillis(), ChronoUnit.MILLIS).done()
                        .done()
                    .withCircuitBreaker()
                        .name("tool/" + name)
                        .requestVolumeThreshold(settings.circuitBreaker().requestVolume())
                        .failureRatio(settings.circuitBreaker().failureRatio())
                        .delay(settings.circuitBreaker().delay().toMillis(), ChronoUnit.MILLIS)
                        .successThreshold(settings.circuitBreaker().successThreshold())
                        .when(ToolInvoker::isTransient)
                        .done()
                    .withTimeout().duration(settings.timeout().plus(BACKSTOP).toMillis(), ChronoUnit.MILLIS).done()
                    .withBulkhead()
                        .limit(settings.bulkhead().maxConcurrent())
                        .queueSize(settings.bulkhead().queue())
                        .onRejected(rejections::increment)
                        .done()
                    .withThreadOffload(false)
                    .build();
            Gauge.builder("wormhole.tool.breaker.state", () -> switch (state(name)) {
                case CLOSED -> 0;
                case HALF_OPEN -> 1;
                case OPEN -> 2;
            }).tag("tool", name).description("Tool circuit breaker state: 0 closed, 1 half-open, 2 open")
                    .register(meters);
            return guard;
        });
    }

    /** Timeouts, transient tool errors and unexpected exceptions count; a tool's own "bad input" does not. */
    static boolean isTransient(Throwable failure) {
        if (failure instanceof ToolException tool) {
            return tool.isTransient();
        }
        return !(failure instanceof CircuitBreakerOpenException || failure instanceof BulkheadException
                || failure instanceof CancellationException);
    }

    private ToolOutcome outcome(String name, JsonNode result, long start) {
        long max = config.agent().maxToolOutput().asLongValue();
        try {
            if (json.writeValueAsBytes(result).length > max) {
                return failed(name, "output_too_large", "The output of " + name + " exceeds " + max + " bytes.", start);
            }
        } catch (JsonProcessingException e) {
            return failed(name, "tool_error", "The output of " + name + " is not JSON.", start);
        }
        return new ToolOutcome(name, result, null, null, millis(start));
    }

    private static String errorType(Throwable failure) {
        if (failure instanceof TimeoutException) {
            return "timeout";
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return "circuit_open";
        }
        if (failure instanceof BulkheadException) {
            return "bulkhead_full";
        }
        return "tool_error";
    }

    private static String message(String name, Throwable failure, Duration timeout) {
        if (failure instanceof TimeoutException) {
            return name + " did not finish within " + timeout + ".";
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return name + " is failing repeatedly; its circuit breaker is open, so it was not run.";
        }
        if (failure instanceof BulkheadException) {
            return name + " has too many calls running; it was not run.";
        }
        if (failure instanceof ToolException) {
            return failure.getMessage();
        }
        Log.warnf(failure, "Tool %s failed unexpectedly", name);
        return name + " failed unexpectedly.";
    }

    private static ToolOutcome failed(String name, String type, String message, long start) {
        return new ToolOutcome(name, null, type, message, millis(start));
    }

    private ToolOutcome recorded(ToolOutcome outcome) {
        String result = outcome.succeeded() ? "ok" : outcome.errorType();
        Timer.builder("wormhole.tool.calls").description("Tool calls by tool and outcome")
                .tags("tool", outcome.tool(), "outcome", result).register(meters)
                .record(Duration.ofMillis(outcome.durationMillis()));
        return outcome;
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
