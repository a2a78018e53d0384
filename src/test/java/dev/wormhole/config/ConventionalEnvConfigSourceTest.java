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
    void definesAnthropicWhenItsKeyIsSet() {
        ConventionalEnvConfigSource source = new ConventionalEnvConfigSource(Map.of("ANTHROPIC_API_KEY", "sk-ant-1",
                "ANTHROPIC_BASE_URL", "https://proxy.example.com"));

        assertThat(source.getPropertyNames()).containsExactlyInAnyOrder("wormhole.providers.anthropic.dialect",
                "wormhole.providers.anthropic.api-keys", "wormhole.providers.anthropic.base-url");
        assertThat(source.getValue("wormhole.providers.anthropic.dialect")).isEqualTo("anthropic");
        assertThat(source.getValue("wormhole.providers.anthropic.base-url")).isEqualTo("https://proxy.example.com");
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
    void mapsTheAdminKey() {
        assertThat(new ConventionalEnvConfigSource(Map.of("WORMHOLE_ADMIN_KEY", "adm")).getValue("wormhole.auth.admin-key"))
                .isEqualTo("adm");
    }

    @Test
    void definesAVendorFromItsProfileWhenItsKeyIsSet() {
        ConventionalEnvConfigSource source = new ConventionalEnvConfigSource(Map.of("GROQ_API_KEY", "gsk_1",
                "PPLX_API_KEY", "pplx-2", "MISTRAL_BASE_URL", "https://eu.mistral.example/v1"));

        assertThat(source.getValue("wormhole.providers.groq.dialect")).isEqualTo("openai");
        assertThat(source.getValue("wormhole.providers.groq.profile")).isEqualTo("groq");
        assertThat(source.getValue("wormhole.providers.groq.api-keys")).isEqualTo("gsk_1");
        assertThat(source.getValue("wormhole.providers.perplexity.api-keys")).isEqualTo("pplx-2");
        // A hosted vendor needs its key; a base URL alone does not define it.
        assertThat(source.getValue("wormhole.providers.mistral.dialect")).isNull();
    }

    @Test
    void definesALocalServerByItsBaseUrlAlone() {
        ConventionalEnvConfigSource source = new ConventionalEnvConfigSource(Map.of(
                "VLLM_BASE_URL", "http://gpu-box:8000/v1", "OLLAMA_HOST", "127.0.0.1:11434"));

        assertThat(source.getValue("wormhole.providers.vllm.base-url")).isEqualTo("http://gpu-box:8000/v1");
        assertThat(source.getValue("wormhole.providers.vllm.api-keys")).isNull();
        assertThat(source.getValue("wormhole.providers.ollama.base-url")).isEqualTo("http://127.0.0.1:11434/v1");
        assertThat(source.getValue("wormhole.providers.lmstudio.dialect")).isNull();
    }

    @Test
    void ranksBelowApplicationProperties() {
        assertThat(new ConventionalEnvConfigSource(Map.of()).getOrdinal()).isLessThan(250);
    }
}
