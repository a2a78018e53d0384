package dev.wormhole.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.wormhole.testing.TestConfig;

/**
 * Each setting's own range, declared with Bean Validation on its {@code @ConfigMapping} method and enforced by
 * SmallRye Config while the mapping is built: a value outside it is reported with its key, and the defaults are
 * inside every range. Also the typed settings: an unknown constant is refused naming the accepted ones.
 */
class DeclaredConstraintsTest {

    private static final Map<String, String> SIMULATOR = Map.of("wormhole.providers.simulator.dialect", "simulator");

    @Test
    void theDefaultsAndAFullyConfiguredProviderAreValid() {
        Map<String, String> props = new HashMap<>(SIMULATOR);
        props.put("wormhole.providers.o.dialect", "openai");
        props.put("wormhole.providers.o.wire-api", "responses");
        props.put("wormhole.providers.o.max-tokens-param", "max_tokens");
        props.put("wormhole.providers.o.limits.rpm", "600");
        props.put("wormhole.providers.o.limits.deployments.\"gpt-5\".tpm", "90000");
        props.put("wormhole.prices.\"o/gpt-5\".input", "0");
        props.put("wormhole.models.overrides.\"o/gpt-5\".context-window", "400000");
        props.put("wormhole.tools.calculator.circuit-breaker.failure-ratio", "1");

        assertThat(TestConfig.violations(props)).isEmpty();
        assertThat(TestConfig.of(props).providers().get("o").wireApi()).isEqualTo(WireApi.RESPONSES);
        assertThat(TestConfig.of(props).providers().get("o").maxTokensParam()).contains(MaxTokensParam.MAX_TOKENS);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "wormhole.providers.simulator.default-max-tokens | 0",
        "wormhole.providers.simulator.max-connections | 0",
        "wormhole.providers.simulator.bulkhead.max-concurrent | 0",
        "wormhole.providers.simulator.bulkhead.queue | 0",
        "wormhole.providers.simulator.retry.max-retries | -1",
        "wormhole.providers.simulator.circuit-breaker.request-volume | 0",
        "wormhole.providers.simulator.circuit-breaker.failure-ratio | 0",
        "wormhole.providers.simulator.circuit-breaker.failure-ratio | 1.5",
        "wormhole.providers.simulator.circuit-breaker.success-threshold | 0",
        "wormhole.providers.simulator.limits.rpm | 0",
        "wormhole.providers.simulator.limits.tpm | 4503599627370497",
        "wormhole.providers.simulator.limits.deployments.\"sim-1\".tpm | -5",
        "wormhole.tools.calculator.bulkhead.max-concurrent | 0",
        "wormhole.tools.calculator.circuit-breaker.failure-ratio | 2",
        "wormhole.prices.\"openai/o3\".output | -8",
        "wormhole.models.overrides.\"openai/gpt-5\".max-output-tokens | 0",
        "wormhole.auth.key-cache-ttl | 2s",
        "wormhole.responses.store-max-entries | 0",
        "wormhole.responses.store-ttl | 0s",
        "wormhole.dashboard.refresh | 10ms",
        "wormhole.dashboard.refresh | 2m",
        "wormhole.idempotency.lock-ttl | 1s",
        "wormhole.idempotency.ttl | 0s",
        "wormhole.state.redis-pool-size | 0",
        "wormhole.state.redis-timeout | 0s",
        "wormhole.state.key-prefix | has space",
        "wormhole.providers.simulator.idle-timeout | 0s",
        "wormhole.providers.simulator.deadline | 0s",
        "wormhole.deadline | 0s",
        "wormhole.routes.fast.deadline | 0s",
        "wormhole.limits.lease-ttl | 100ms",
        "wormhole.limits.expected-replicas | 0",
        "wormhole.images.url-ttl | 0s",
        "wormhole.shutdown.grace | -1s",
        "wormhole.providers.simulator.wire-api | graphql",
        "wormhole.providers.simulator.api-key-in | cookie",
        "wormhole.providers.simulator.max-tokens-param | max_output_tokens",
    })
    void refusesAValueOutsideItsDeclaredRangeNamingTheKey(String key, String value) {
        Map<String, String> props = new HashMap<>(SIMULATOR);
        props.put("wormhole.routes.fast.targets", "simulator/sim-1");
        props.put(key, value);

        // A map key is named without the quotes that protect its dots.
        assertThat(TestConfig.violations(props)).singleElement().asString().contains(key.replace("\"", ""));
    }

    @Test
    void reportsEveryViolationAtOnce() {
        Map<String, String> props = new HashMap<>(SIMULATOR);
        props.put("wormhole.providers.simulator.max-connections", "0");
        props.put("wormhole.dashboard.refresh", "2m");
        props.put("wormhole.tools.calculator.circuit-breaker.request-volume", "0");

        assertThat(TestConfig.violations(props)).hasSize(3);
    }

    @Test
    void reportsEveryUnknownConstantAtOnceNamingTheAcceptedOnes() {
        Map<String, String> props = new HashMap<>(SIMULATOR);
        props.put("wormhole.providers.simulator.wire-api", "graphql");
        props.put("wormhole.providers.simulator.api-key-in", "cookie");

        assertThat(TestConfig.violations(props)).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("wire-api", "graphql", "chat-completions", "responses"))
                .anySatisfy(p -> assertThat(p).contains("api-key-in", "cookie", "header", "query"));
    }
}
