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
        assertThat(ConfigProblems.find(TestConfig.of(props), "127.0.0.1")).singleElement().asString()
                .contains("wormhole.prices.\"gpt-4o\"", "provider/model");
    }

    @Test
    void refusesAShortAdminKey() {
        assertThat(ConfigProblems.find(TestConfig.of(with("wormhole.auth.admin-key", "short")), "127.0.0.1"))
                .singleElement().asString().contains("wormhole.auth.admin-key", "16");
    }

    @Test
    void listsEveryProblemAtOnce() {
        Map<String, String> props = new HashMap<>(SIMULATOR);
        props.put("wormhole.providers.bad/id.dialect", "openai");
        props.put("wormhole.providers.x.dialect", "openai");
        props.put("wormhole.providers.x.base-url", "ftp://example.com");
        props.put("wormhole.providers.x.retry.jitter", "1s");
        props.put("wormhole.default-provider", "missing");

        assertThat(ConfigProblems.find(TestConfig.of(props), "0.0.0.0")).hasSize(5)
                .anySatisfy(p -> assertThat(p).contains("wormhole.providers.bad/id", "provider id"))
                .anySatisfy(p -> assertThat(p).contains("wormhole.providers.x.base-url"))
                .anySatisfy(p -> assertThat(p).contains("wormhole.providers.x.retry.jitter", ".retry.delay"))
                .anySatisfy(p -> assertThat(p).contains("wormhole.default-provider", "missing"))
                .anySatisfy(p -> assertThat(p).contains("not a loopback address"));
    }

    @Test
    void refusesIdempotencyPollingThatDoesNotGrow() {
        Map<String, String> props = new HashMap<>(SIMULATOR);
        props.put("wormhole.idempotency.poll-initial", "1s");
        props.put("wormhole.idempotency.poll-max", "100ms");

        assertThat(ConfigProblems.find(TestConfig.of(props), "127.0.0.1")).singleElement().asString()
                .contains("wormhole.idempotency.poll-initial", "wormhole.idempotency.poll-max");
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
        assertThat(ConfigProblems.find(TestConfig.of(props), "127.0.0.1")).singleElement().asString()
                .contains("wormhole.state.redis-url").doesNotContain("s3cret");
    }

    @Test
    void acceptsModelOverridesByProviderAndModelAndNamesBadOnes() {
        Map<String, String> props = new HashMap<>(SIMULATOR);
        props.put("wormhole.models.overrides.\"openai/gpt-5.1\".capabilities", "chat,stream,tools");
        props.put("wormhole.models.overrides.\"openai/gpt-5.1\".context-window", "400000");
        assertThat(ConfigProblems.find(TestConfig.of(props), "127.0.0.1")).isEmpty();

        props.put("wormhole.models.overrides.\"openai/gpt-5.1\".capabilities", "chat,teleportation");
        props.put("wormhole.models.overrides.\"gpt-5\".deprecated", "true");
        assertThat(ConfigProblems.find(TestConfig.of(props), "127.0.0.1")).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("'teleportation'", ".capabilities"))
                .anySatisfy(p -> assertThat(p).contains("\"gpt-5\"", "provider/model"));
    }

    @Test
    void overrideCapabilitiesAreTheCatalogs() {
        assertThat(ConfigProblems.CAPABILITIES).containsExactlyElementsOf(java.util.Arrays
                .stream(dev.wormhole.core.ModelCapability.values()).map(c -> c.name().toLowerCase()).toList());
    }
}
