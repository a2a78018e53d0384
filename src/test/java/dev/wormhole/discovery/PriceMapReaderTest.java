package dev.wormhole.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.core.ModelCapability;

/** LiteLLM's price map format read into our facts, from a fixture with good, foreign and bad entries. */
class PriceMapReaderTest {

    private final ObjectMapper json = new ObjectMapper();
    private final PriceMap map = read(LocalDate.of(2026, 12, 3));

    private PriceMap read(LocalDate today) {
        try (InputStream in = getClass().getResourceAsStream("/fixtures/price-map/litellm-sample.json")) {
            return new PriceMapReader(today).read(json.readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ModelFacts facts(String id, String vendor) {
        VendorModels.Found found = map.find(id, vendor);
        return found == null ? null : found.facts();
    }

    @Test
    void readsPricesPerMillionContextAndCapabilities() {
        ModelFacts mini = facts("gpt-5-mini", "openai");

        assertThat(mini.input()).isEqualTo(0.25);
        assertThat(mini.output()).isEqualTo(2.0);
        assertThat(mini.cachedInput()).isEqualTo(0.025);
        assertThat(mini.contextWindow()).isEqualTo(272000);
        assertThat(mini.maxOutputTokens()).isEqualTo(128000);
        assertThat(mini.capabilities()).containsExactlyInAnyOrder(ModelCapability.CHAT, ModelCapability.STREAM,
                ModelCapability.TOOLS, ModelCapability.VISION, ModelCapability.JSON, ModelCapability.REASONING);
        assertThat(mini.lacks()).containsExactly(ModelCapability.EMBEDDINGS);
        assertThat(mini.deprecated()).isNull();
    }

    @Test
    void mapsProvidersToOurVendorsAndStripsTheirKeyPrefixes() {
        assertThat(facts("claude-sonnet-4-5", "anthropic").capabilities()).contains(ModelCapability.REASONING)
                .doesNotContain(ModelCapability.JSON);
        assertThat(facts("gemini-2.0-flash-lite", "gemini").input()).isEqualTo(0.075);
        assertThat(facts("meta-llama/Llama-3.3-70B-Instruct-Turbo", "together").output()).isEqualTo(0.88);
        assertThat(map.models("openai")).containsOnlyKeys("gpt-5-mini", "text-embedding-3-small");
        assertThat(map.sizes()).containsOnlyKeys("openai", "anthropic", "gemini", "together");
    }

    @Test
    void mapsEmbeddingModesAndSkipsModesWeDoNotServe() {
        ModelFacts embedding = facts("text-embedding-3-small", "openai");
        assertThat(embedding.capabilities()).containsExactly(ModelCapability.EMBEDDINGS);
        assertThat(embedding.lacks()).contains(ModelCapability.CHAT, ModelCapability.TOOLS)
                .doesNotContain(ModelCapability.EMBEDDINGS);
        assertThat(facts("dall-e-3", "openai")).isNull();
    }

    @Test
    void skipsBadEntriesForeignProvidersAndTheSampleSpec() {
        for (String id : new String[] { "bad-price", "negative-price", "bad-flag", "not-an-object", "no-provider",
                "sample_spec", "gpt-4o" }) {
            assertThat(facts(id, null)).as(id).isNull();
        }
        assertThat(map.size()).isEqualTo(5);
    }

    @Test
    void marksModelsPastTheirDeprecationDate() {
        assertThat(facts("gemini-2.0-flash-lite", "gemini").deprecated()).isTrue();
        ModelFacts before = read(LocalDate.of(2026, 2, 24)).find("gemini-2.0-flash-lite", "gemini").facts();
        assertThat(before.deprecated()).isFalse();
    }

    @Test
    void refusesADocumentThatIsNotAnObject() throws IOException {
        PriceMapReader reader = new PriceMapReader(LocalDate.of(2026, 12, 3));
        assertThatThrownBy(() -> reader.read(json.readTree("[1,2]"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(reader.read(json.readTree("{\"x\":{\"mode\":\"chat\"}}")).size()).isZero();
    }

    @Test
    void readsTheBundledSnapshot() {
        PriceMap snapshot = BundledPriceMap.read(json, KnownModels.SNAPSHOT_RESOURCE);

        assertThat(snapshot.sizes()).containsOnlyKeys("openai", "anthropic");
        assertThat(snapshot.find("claude-sonnet-4-5-20250929", "anthropic").facts().input()).isEqualTo(3.0);
        assertThat(snapshot.find("gpt-5", "openai").facts().cachedInput()).isEqualTo(0.125);
    }
}
