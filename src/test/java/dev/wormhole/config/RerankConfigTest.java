package dev.wormhole.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.wormhole.testing.TestConfig;

/** {@code wormhole.providers.<id>.rerank-api} is one of the three rerank APIs, on the openai dialect only. */
class RerankConfigTest {

    @ParameterizedTest
    @ValueSource(strings = { "openai", "cohere", "voyage" })
    void acceptsEachRerankApiOnTheOpenAiDialect(String api) {
        assertThat(ConfigProblems.find(TestConfig.of(Map.of("wormhole.providers.r.dialect", "openai",
                "wormhole.providers.r.rerank-api", api)), "127.0.0.1")).isEmpty();
    }

    @Test
    void refusesAnUnknownRerankApiNamingTheChoices() {
        assertThat(TestConfig.violations(Map.of("wormhole.providers.r.dialect", "openai",
                "wormhole.providers.r.rerank-api", "jina"))).singleElement().asString()
                .contains("wormhole.providers.r.rerank-api", "jina", "openai", "cohere", "voyage");
    }

    @Test
    void refusesAnotherRerankApiOnAnotherDialect() {
        assertThat(ConfigProblems.find(TestConfig.of(Map.of("wormhole.providers.r.dialect", "gemini",
                "wormhole.providers.r.rerank-api", "cohere")), "127.0.0.1")).singleElement().asString()
                .contains("wormhole.providers.r.rerank-api=cohere", "dialect openai only");
    }

    @Test
    void defaultsToTheOpenAiShape() {
        assertThat(TestConfig.of(Map.of("wormhole.providers.r.dialect", "openai")).providers().get("r").rerankApi())
                .isEqualTo(RerankApi.OPENAI);
    }
}
