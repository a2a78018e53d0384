package dev.wormhole.routing;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The OpenTelemetry GenAI semantic-convention instruments, per operation, provider, model, key name and error type:
 * {@code gen_ai.client.operation.duration} (seconds) and {@code gen_ai.client.token.usage} (tokens, by
 * {@code gen_ai.token.type}), and for streams {@code gen_ai.server.time_to_first_token} and
 * {@code gen_ai.server.time_per_output_token} (the gateway serves the model to its clients). Histograms use the
 * buckets the conventions advise, so each series has a fixed number of buckets. Callers pass bounded labels only.
 */
final class GenAiMeters {

    private static final double[] DURATION_BUCKETS = {0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24,
        20.48, 40.96, 81.92};
    private static final double[] FIRST_TOKEN_BUCKETS = {0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5,
        0.75, 1.0, 2.5, 5.0, 7.5, 10.0};
    private static final double[] PER_TOKEN_BUCKETS = {0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75,
        1.0, 2.5};
    private static final double[] TOKEN_BUCKETS = {1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576,
        4194304, 16777216, 67108864};

    private final MeterRegistry meters;
    private final Map<String, Meters> cache = new ConcurrentHashMap<>();

    GenAiMeters(MeterRegistry meters) {
        this.meters = meters;
    }

    /** One call that ended: its duration, and its tokens when it had an answer. */
    void call(String operation, String provider, String model, String key, String errorType, Duration elapsed,
            long inputTokens, long outputTokens, boolean answered) {
        Meters m = meters(operation, provider, model, key, errorType);
        m.duration.record(elapsed);
        if (answered) {
            m.input.record(inputTokens);
            m.output.record(outputTokens);
        }
    }

    /** A stream's time to its first chunk, and the time per output token after it (null when unknown). */
    void stream(String provider, String model, String key, Duration firstToken, Duration perOutputToken) {
        Meters m = meters("chat", provider, model, key, null);
        m.firstToken().record(firstToken);
        if (perOutputToken != null) {
            m.perOutputToken().record(perOutputToken);
        }
    }

    private Meters meters(String operation, String provider, String model, String key, String errorType) {
        String id = operation + '\u0000' + provider + '\u0000' + model + '\u0000' + key + '\u0000' + errorType;
        return cache.computeIfAbsent(id, ignored -> new Meters(Tags.of("gen_ai.operation.name", operation,
                "gen_ai.provider.name", provider, "gen_ai.request.model", model, "wormhole.key", key,
                "error.type", errorType == null ? "none" : errorType)));
    }

    /** The instruments of one label combination; the stream timers are made on first use. */
    private final class Meters {
        final Tags tags;
        final Timer duration;
        final DistributionSummary input;
        final DistributionSummary output;
        private volatile Timer firstToken;
        private volatile Timer perOutputToken;

        Meters(Tags tags) {
            this.tags = tags;
            duration = Timer.builder("gen_ai.client.operation.duration").description("GenAI operation duration")
                    .tags(tags).serviceLevelObjectives(durations(DURATION_BUCKETS)).register(meters);
            input = tokens("input");
            output = tokens("output");
        }

        private DistributionSummary tokens(String type) {
            return DistributionSummary.builder("gen_ai.client.token.usage").baseUnit("tokens")
                    .description("Tokens used per GenAI call, by token type").tags(tags).tag("gen_ai.token.type", type)
                    .serviceLevelObjectives(TOKEN_BUCKETS).register(meters);
        }

        Timer firstToken() {
            if (firstToken == null) {
                firstToken = Timer.builder("gen_ai.server.time_to_first_token")
                        .description("Time from the upstream call to the first chunk of a stream").tags(tags)
                        .serviceLevelObjectives(durations(FIRST_TOKEN_BUCKETS)).register(meters);
            }
            return firstToken;
        }

        Timer perOutputToken() {
            if (perOutputToken == null) {
                perOutputToken = Timer.builder("gen_ai.server.time_per_output_token")
                        .description("Time per output token of a stream after its first chunk").tags(tags)
                        .serviceLevelObjectives(durations(PER_TOKEN_BUCKETS)).register(meters);
            }
            return perOutputToken;
        }
    }

    private static Duration[] durations(double[] seconds) {
        Duration[] durations = new Duration[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            durations[i] = Duration.ofNanos((long) (seconds[i] * 1_000_000_000L));
        }
        return durations;
    }
}
