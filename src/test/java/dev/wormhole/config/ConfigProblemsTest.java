package dev.wormhole.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.wormhole.testing.TestConfig;

class ConfigProblemsTest {

    private static final Map<String, String> SIMULATOR = Map.of("wormhole.providers.simulator.dialect", "simulator");

    @Test
    void acceptsTheDefaultsOnLoopback() {
        assertThat(ConfigProblems.find(TestConfig.of(SIMULATOR), "127.0.0.1")).isEmpty();
        assertThat(ConfigProblems.find(TestConfig.of(SIMULATOR), "localhost")).isEmpty();
        assertThat(ConfigProblems.find(TestConfig.of(SIMULATOR), "::1")).isEmpty();
    }

    @Test
    void refusesAPublicBindWithoutAKey() {
        assertThat(ConfigProblems.find(TestConfig.of(SIMULATOR), "0.0.0.0")).singleElement().asString()
                .contains("'0.0.0.0'", "not a loopback address", "wormhole.auth.api-keys", "WORMHOLE_API_KEY",
                        "wormhole.auth.allow-unauthenticated=true");
    }

    @Test
    void acceptsAPublicBindWithAKeyOrAnExplicitOptOut() {
        assertThat(ConfigProblems.find(TestConfig.of(with("wormhole.auth.api-keys", "k")), "0.0.0.0")).isEmpty();
        assertThat(ConfigProblems.find(TestConfig.of(with("wormhole.auth.allow-unauthenticated", "true")), "0.0.0.0"))
                .isEmpty();
    }

    @Test
    void anAdminKeyAlsoTurnsAuthenticationOn() {
        assertThat(ConfigProblems.find(TestConfig.of(with("wormhole.auth.admin-key", "admin-key-0123456789")), "0.0.0.0"))
                .isEmpty();
    }

    @Test
    void acceptsPricesByProviderAndModelAndRefusesOthersOrNegativeOnes() {
        Map<String, String> props = new HashMap<>(SIMULATOR);
        props.put("wormhole.prices.\"openai/gpt-4.1\".input", "2");
        props.put("wormhole.prices.\"openai/gpt-4.1\".cached-input", "0.5");
        assertThat(ConfigProblems.find(TestConfig.of(props), "127.0.0.1")).isEmpty();

        props.put("wormhole.prices.gpt-4o.input", "1");
        props.put("wormhole.prices.\"openai/o3\".output", "-8");
        assertThat(ConfigProblems.find(TestConfig.of(props), "127.0.0.1")).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("wormhole.prices.\"gpt-4o\"", "provider/model"))
                .anySatisfy(p -> assertThat(p).contains("wormhole.prices.\"openai/o3\"", "negative"));
    }

    @Test
    void acceptsPositiveProviderAndDeploymentLimitsAndRefusesOthers() {
        Map<String, String> props = new HashMap<>(SIMULATOR);
        props.put("wormhole.providers.simulator.limits.rpm", "600");
        props.put("wormhole.providers.simulator.limits.tpm", "90000");
        props.put("wormhole.providers.simulator.limits.deployments.\"sim-1.5\".rpm", "60");
        assertThat(ConfigProblems.find(TestConfig.of(props), "127.0.0.1")).isEmpty();

        props.put("wormhole.providers.simulator.limits.tpm", "0");
        props.put("wormhole.providers.simulator.limits.deployments.\"sim-1.5\".tpm", "-5");
        assertThat(ConfigProblems.find(TestConfig.of(props), "127.0.0.1")).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("wormhole.providers.simulator.limits.rpm and .tpm", "positive"))
                .anySatisfy(p -> assertThat(p).contains("wormhole.providers.simulator.limits.deployments.\"sim-1.5\""));
    }

    @Test
    void refusesADashboardRefreshOutsideAHundredMillisecondsToAMinute() {
        assertThat(ConfigProblems.find(TestConfig.of(with("wormhole.dashboard.refresh", "500ms")), "127.0.0.1"))
                .isEmpty();
        assertThat(ConfigProblems.find(TestConfig.of(with("wormhole.dashboard.refresh", "10ms")), "127.0.0.1"))
                .singleElement().asString().contains("wormhole.dashboard.refresh", "100ms", "1m");
        assertThat(ConfigProblems.find(TestConfig.of(with("wormhole.dashboard.refresh", "2m")), "127.0.0.1"))
                .singleElement().asString().contains("wormhole.dashboard.refresh");
    }

    @Test
    void refusesAShortAdminKeyAndAKeyCacheOverASecond() {
        Map<String, String> props = new HashMap<>(SIMULATOR);
        props.put("wormhole.auth.admin-key", "short");
        props.put("wormhole.auth.key-cache-ttl", "2s");

        assertThat(ConfigProblems.find(TestConfig.of(props), "127.0.0.1")).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("wormhole.auth.admin-key"))
                .anySatisfy(p -> assertThat(p).contains("wormhole.auth.key-cache-ttl", "1s"));
    }

    @Test
    void listsEveryProblemAtOnce() {
        Map<String, String> props = new HashMap<>(SIMULATOR);
        props.put("wormhole.providers.bad/id.dialect", "openai");
        props.put("wormhole.providers.x.dialect", "openai");
        props.put("wormhole.providers.x.base-url", "ftp://example.com");
        props.put("wormhole.providers.x.max-connections", "0");
        props.put("wormhole.default-provider", "missing");

        assertThat(ConfigProblems.find(TestConfig.of(props), "0.0.0.0")).hasSize(5)
                .anySatisfy(p -> assertThat(p).contains("wormhole.providers.bad/id", "provider id"))
                .anySatisfy(p -> assertThat(p).contains("wormhole.providers.x.base-url"))
                .anySatisfy(p -> assertThat(p).contains("wormhole.providers.x.max-connections"))
                .anySatisfy(p -> assertThat(p).contains("wormhole.default-provider", "missing"))
                .anySatisfy(p -> assertThat(p).contains("not a loopback address"));
    }

    @Test
    void refusesAnEmptyOrTimelessResponseStore() {
        Map<String, String> props = new HashMap<>(SIMULATOR);
        props.put("wormhole.responses.store-max-entries", "0");
        props.put("wormhole.responses.store-ttl", "0s");

        assertThat(ConfigProblems.find(TestConfig.of(props), "127.0.0.1")).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("wormhole.responses.store-max-entries"))
                .anySatisfy(p -> assertThat(p).contains("wormhole.responses.store-ttl"));
    }

    @Test
    void refusesAShortIdempotencyLockAndPollingThatDoesNotGrow() {
        Map<String, String> props = new HashMap<>(SIMULATOR);
        props.put("wormhole.idempotency.lock-ttl", "1s");
        props.put("wormhole.idempotency.poll-initial", "1s");
        props.put("wormhole.idempotency.poll-max", "100ms");

        assertThat(ConfigProblems.find(TestConfig.of(props), "127.0.0.1")).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("wormhole.idempotency.lock-ttl"))
                .anySatisfy(p -> assertThat(p).contains("wormhole.idempotency.poll-initial"));
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> props = new HashMap<>(SIMULATOR);
        props.put(key, value);
        return props;
    }

    @Test
    void theEmbeddedStateStoreNeedsNoConfiguration() {
        WormholeConfig config = TestConfig.of(SIMULATOR);
        assertThat(config.state().backend()).isEqualTo(StateConfig.Backend.EMBEDDED);
        assertThat(config.state().redisUrl()).isEmpty();
        assertThat(ConfigProblems.stateProblems(config.state())).isEmpty();
    }

    @Test
    void theRedisStateStoreNeedsARedisUrl() {
        assertThat(ConfigProblems.find(TestConfig.of(with("wormhole.state.backend", "redis")), "127.0.0.1"))
                .singleElement().asString().contains("wormhole.state.redis-url", "redis://");
        assertThat(ConfigProblems.find(TestConfig.of(Map.of("wormhole.providers.simulator.dialect", "simulator",
                "wormhole.state.backend", "redis", "wormhole.state.redis-url", "redis://:pw@127.0.0.1:6379/0")),
                "127.0.0.1")).isEmpty();
    }

    @Test
    void aBadRedisUrlIsNamedWithoutEchoingIt() {
        Map<String, String> props = new HashMap<>(SIMULATOR);
        props.put("wormhole.state.redis-url", "http://:s3cret@cache:6379");
        props.put("wormhole.state.redis-pool-size", "0");
        props.put("wormhole.state.key-prefix", "has space");
        assertThat(ConfigProblems.find(TestConfig.of(props), "127.0.0.1")).hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("wormhole.state.redis-url").doesNotContain("s3cret"))
                .anySatisfy(p -> assertThat(p).contains("wormhole.state.redis-pool-size"))
                .anySatisfy(p -> assertThat(p).contains("wormhole.state.key-prefix"));
    }

    @Test
    void acceptsModelOverridesByProviderAndModelAndNamesBadOnes() {
        Map<String, String> props = new HashMap<>(SIMULATOR);
        props.put("wormhole.models.overrides.\"openai/gpt-5.1\".capabilities", "chat,stream,tools");
        props.put("wormhole.models.overrides.\"openai/gpt-5.1\".context-window", "400000");
        assertThat(ConfigProblems.find(TestConfig.of(props), "127.0.0.1")).isEmpty();

        props.put("wormhole.models.overrides.\"openai/gpt-5.1\".capabilities", "chat,teleportation");
        props.put("wormhole.models.overrides.\"openai/gpt-5.1\".max-output-tokens", "0");
        props.put("wormhole.models.overrides.\"gpt-5\".deprecated", "true");
        assertThat(ConfigProblems.find(TestConfig.of(props), "127.0.0.1")).hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("'teleportation'", ".capabilities"))
                .anySatisfy(p -> assertThat(p).contains("token counts must be positive"))
                .anySatisfy(p -> assertThat(p).contains("\"gpt-5\"", "provider/model"));
    }

    @Test
    void overrideCapabilitiesAreTheCatalogs() {
        assertThat(ConfigProblems.CAPABILITIES).containsExactlyElementsOf(java.util.Arrays
                .stream(dev.wormhole.core.ModelCapability.values()).map(c -> c.name().toLowerCase()).toList());
    }
}
