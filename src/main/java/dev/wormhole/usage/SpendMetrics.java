package dev.wormhole.usage;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.core.ModelRef;
import dev.wormhole.core.Usage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Usage per key as Prometheus counters: {@code wormhole_key_tokens_total{key,model,provider,kind}} (kind
 * {@code prompt}, {@code completion}, {@code cached}) and {@code wormhole_key_cost_usd_total{key,model,provider}}.
 * The key label is the key's name, never its secret. Models that neither the catalog nor {@code wormhole.prices}
 * knows are labelled {@code other}, so that model names sent by callers cannot inflate the number of series.
 */
@ApplicationScoped
class SpendMetrics {

    static final String OTHER = "other";

    private final MeterRegistry meters;
    private final Prices prices;
    private final Map<String, Meters> cache = new ConcurrentHashMap<>();

    SpendMetrics(MeterRegistry meters, Prices prices) {
        this.meters = meters;
        this.prices = prices;
    }

    void record(String keyName, ModelRef target, Usage usage, long costMicroUsd) {
        String model = prices.known(target) ? target.model() : OTHER;
        Meters m = cache.computeIfAbsent(keyName + '\u0000' + target.provider() + '\u0000' + model,
                k -> new Meters(keyName, target.provider(), model));
        m.prompt.increment(usage.promptTokens());
        m.completion.increment(usage.completionTokens());
        m.cached.increment(usage.cachedPromptTokens());
        m.cost.increment(costMicroUsd / 1_000_000.0);
    }

    /** The counters of one key, provider and model. */
    private final class Meters {
        final Counter prompt;
        final Counter completion;
        final Counter cached;
        final Counter cost;

        Meters(String key, String provider, String model) {
            prompt = tokens(key, provider, model, "prompt");
            completion = tokens(key, provider, model, "completion");
            cached = tokens(key, provider, model, "cached");
            cost = Counter.builder("wormhole.key.cost.usd").description("Cost in US dollars by key name, provider and model")
                    .tags("key", key, "provider", provider, "model", model).register(meters);
        }

        private Counter tokens(String key, String provider, String model, String kind) {
            return Counter.builder("wormhole.key.tokens").description("Tokens by key name, provider, model and kind")
                    .tags("key", key, "provider", provider, "model", model, "kind", kind).register(meters);
        }
    }
}
