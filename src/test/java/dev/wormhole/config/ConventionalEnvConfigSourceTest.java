package dev.wormhole.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ConventionalEnvConfigSourceTest {

    @Test
    void definesOpenAiWhenItsKeyIsSet() {
        ConventionalEnvConfigSource source = new ConventionalEnvConfigSource(Map.of("OPENAI_API_KEY", " sk-abc "));

        assertThat(source.getValue("wormhole.providers.openai.dialect")).isEqualTo("openai");
        assertThat(source.getValue("wormhole.providers.openai.api-keys")).isEqualTo("sk-abc");
        assertThat(source.getValue("wormhole.providers.openai.base-url")).isNull();
    }

    @Test
    void definesOpenAiForABaseUrlAloneSoKeylessLocalServersWork() {
        ConventionalEnvConfigSource source = new ConventionalEnvConfigSource(
                Map.of("OPENAI_BASE_URL", "http://127.0.0.1:8000/v1"));

        assertThat(source.getPropertyNames()).containsExactlyInAnyOrder("wormhole.providers.openai.dialect",
                "wormhole.providers.openai.base-url");
    }

    @Test
    void definesNothingForUnsetOrBlankVariables() {
        assertThat(new ConventionalEnvConfigSource(Map.of("OPENAI_API_KEY", "  ")).getPropertyNames()).isEmpty();
        assertThat(new ConventionalEnvConfigSource(Map.of()).getPropertyNames()).isEmpty();
    }

    @Test
    void mapsTheGatewayKey() {
        assertThat(new ConventionalEnvConfigSource(Map.of("WORMHOLE_API_KEY", "gw")).getValue("wormhole.auth.api-keys"))
                .isEqualTo("gw");
    }

    @Test
    void ranksBelowApplicationProperties() {
        assertThat(new ConventionalEnvConfigSource(Map.of()).getOrdinal()).isLessThan(250);
    }
}
