package dev.wormhole.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

class VendorProfilesTest {

    private final List<VendorProfile> profiles = new VendorProfiles().all();

    @Test
    void describesAtLeastTwelveVendors() {
        assertThat(profiles).extracting(VendorProfile::id).contains("groq", "mistral", "openrouter", "deepseek",
                "together", "fireworks", "xai", "perplexity", "zai", "vllm", "lmstudio", "llamacpp", "ollama");
    }

    @Test
    void everyProfileIsComplete() {
        assertThat(profiles).allSatisfy(p -> {
            assertThat(p.id()).matches("[a-z0-9]+");
            assertThat(URI.create(p.baseUrl()).getScheme()).isIn("http", "https");
            assertThat(p.maxTokensParam()).isIn("max_tokens", "max_completion_tokens");
            assertThat(p.discovery()).isIn("openai", "openrouter", "none");
            assertThat(p.baseUrlEnv()).isNotEmpty();
            assertThat(p.local() || !p.keyEnv().isEmpty()).as("%s needs a key variable", p.id()).isTrue();
        });
        assertThat(profiles).filteredOn(VendorProfile::local).extracting(VendorProfile::id)
                .containsExactlyInAnyOrder("vllm", "lmstudio", "llamacpp", "ollama");
    }
}
