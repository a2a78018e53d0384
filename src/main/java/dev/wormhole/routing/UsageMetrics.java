package dev.wormhole.routing;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.ModelRef;
import dev.wormhole.core.Usage;
import dev.wormhole.usage.Prices;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Per-request metrics by operation, provider, model and outcome: request counts, a latency histogram and
 * token counts (the dashboard reads its rates and percentiles from these meters). The model label is the model
 * only when the catalog or {@code wormhole.prices} knows it, {@code other} otherwise, on answers and failures alike,
 * so that names sent by callers (or served by a dynamic provider) cannot inflate the number of series. The meters of
 * each tag combination are looked up once and kept: registering through Micrometer's builders on every request
 * costs more than the request.
 */
@ApplicationScoped
public class UsageMetrics {

    /** The suffix of a streamed operation's label ({@code chat.stream}); its GenAI operation is the rest. */
    private static final String STREAM = ".stream";

    /** How a request ended. */
    public static final String OK = "ok";
    public static final String CANCELLED = "cancelled";

    /** The model label of a model neither the catalog nor the configuration knows. */
    static final String OTHER_MODEL = "other";

    private final MeterRegistry meters;
    private final Map<String, Meters> cache = new ConcurrentHashMap<>();
    private final GenAiMeters genAi;
    private final Prices prices;

    UsageMetrics(MeterRegistry meters, Prices prices) {
        this.meters = meters;
        this.prices = prices;
        this.genAi = new GenAiMeters(meters);
    }

    /** The outcome tag of a failure: the error kind in lower case. */
    public static String outcome(Throwable failure) {
        ErrorKind kind = failure instanceof GatewayException g ? g.kind() : ErrorKind.INTERNAL;
        return kind.name().toLowerCase();
    }

    /**
     * One call of {@code keyName}'s on {@code ref} that ended with {@code outcome} after {@code elapsed}, with its
     * usage (null: no answer); also as the GenAI semantic-convention instruments ({@link GenAiMeters}), whose model
     * label is the model when the catalog or the configuration knows it, {@code other} otherwise.
     */
    public void record(String operation, ModelRef ref, String keyName, String outcome, Duration elapsed, Usage usage) {
        String genAiOperation = operation.endsWith(STREAM) ? operation.substring(0, operation.length() - STREAM.length())
                : operation;
        genAi.call(genAiOperation, ref.provider(), genAiModel(ref), keyName,
                OK.equals(outcome) ? null : outcome, elapsed, usage == null ? 0 : usage.promptTokens(),
                usage == null ? 0 : usage.completionTokens(), usage != null);
        String model = genAiModel(ref);
        Meters m = cache.computeIfAbsent(operation + '\u0000' + ref.provider() + '\u0000' + model + '\u0000' + outcome,
                key -> new Meters(operation, ref.provider(), model, outcome));
        m.requests.increment();
        m.duration.record(elapsed);
        if (usage != null) {
            m.input.increment(usage.promptTokens());
            m.output.increment(usage.completionTokens());
        }
    }

    /**
     * A stream of {@code keyName}'s on {@code ref}: its first chunk came {@code firstToken} after the upstream call
     * began, and the rest at {@code perOutputToken} a token (null when fewer than two tokens came).
     */
    public void stream(ModelRef ref, String keyName, Duration firstToken, Duration perOutputToken) {
        genAi.stream(ref.provider(), genAiModel(ref), keyName, firstToken, perOutputToken);
    }

    private String genAiModel(ModelRef ref) {
        return prices.known(ref) ? ref.model() : OTHER_MODEL;
    }

    /** The meters of one tag combination. */
    private final class Meters {
        final Counter requests;
        final Timer duration;
        final Counter input;
        final Counter output;

        Meters(String operation, String provider, String model, String outcome) {
            requests = Counter.builder("wormhole.requests").description("Requests by operation, provider, model and outcome")
                    .tags("operation", operation, "provider", provider, "model", model, "outcome", outcome)
                    .register(meters);
            duration = Timer.builder("wormhole.request.duration").description("Time until the last byte from the provider")
                    .tags("operation", operation, "provider", provider, "model", model, "outcome", outcome)
                    .publishPercentileHistogram().register(meters);
            input = tokens(provider, model, outcome, "input");
            output = tokens(provider, model, outcome, "output");
        }

        private Counter tokens(String provider, String model, String outcome, String direction) {
            return Counter.builder("wormhole.tokens").description("Tokens by provider, model, direction and outcome")
                    .tags("provider", provider, "model", model, "direction", direction, "outcome", outcome)
                    .register(meters);
        }
    }
}
