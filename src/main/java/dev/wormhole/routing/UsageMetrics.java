package dev.wormhole.routing;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.ModelRef;
import dev.wormhole.core.Usage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Per-request metrics by operation, provider, model and outcome: request counts, a latency histogram and
 * token counts. Models are tagged only when an upstream answered successfully for them, so that arbitrary
 * names sent by callers cannot inflate the number of series.
 */
@ApplicationScoped
public class UsageMetrics {

    /** How a request ended. */
    public static final String OK = "ok";
    public static final String CANCELLED = "cancelled";

    private final MeterRegistry meters;

    UsageMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** The outcome tag of a failure: the error kind in lower case. */
    public static String outcome(Throwable failure) {
        ErrorKind kind = failure instanceof GatewayException g ? g.kind() : ErrorKind.INTERNAL;
        return kind.name().toLowerCase();
    }

    public void record(String operation, ModelRef ref, String outcome, Duration elapsed, Usage usage) {
        String model = OK.equals(outcome) ? ref.model() : "-";
        Counter.builder("wormhole.requests").description("Requests by operation, provider, model and outcome")
                .tags("operation", operation, "provider", ref.provider(), "model", model, "outcome", outcome)
                .register(meters).increment();
        Timer.builder("wormhole.request.duration").description("Time until the last byte from the provider")
                .tags("operation", operation, "provider", ref.provider(), "outcome", outcome)
                .publishPercentileHistogram().register(meters).record(elapsed);
        if (usage != null) {
            tokens(ref, model, outcome, "input", usage.promptTokens());
            tokens(ref, model, outcome, "output", usage.completionTokens());
        }
    }

    private void tokens(ModelRef ref, String model, String outcome, String direction, long count) {
        Counter.builder("wormhole.tokens").description("Tokens by provider, model, direction and outcome")
                .tags("provider", ref.provider(), "model", model, "direction", direction, "outcome", outcome)
                .register(meters).increment(count);
    }
}
