package dev.wormhole.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.core.ModelCapability;
import dev.wormhole.core.ModelInfo;

class KnownModelsPricesTest {

    private final ObjectMapper json = new ObjectMapper();
    private final KnownModels known = new KnownModels(json);

    @Test
    void knowsCachedInputRatesOfDatedVersions() {
        assertThat(known.cachedInputPrice("gpt-4o-mini-2024-07-18", "openai")).contains(0.075);
        assertThat(known.cachedInputPrice("claude-sonnet-4-20250514", "anthropic")).contains(0.30);
        assertThat(known.cachedInputPrice("gpt-5-mini-2025-08-07", "openai")).contains(0.025);
        assertThat(known.cachedInputPrice("claude-sonnet-4-5-20250929", "anthropic")).contains(0.30);
    }

    @Test
    void hasNoCachedRateWhereTheVendorPublishesNoneOrTheVendorIsUnknown() {
        assertThat(known.cachedInputPrice("gemini-2.5-pro", "gemini")).isEmpty();
        assertThat(known.cachedInputPrice("gpt-4o", null)).isEmpty();
        assertThat(known.cachedInputPrice("no-such-model", "openai")).isEmpty();
    }

    /**
     * The cached-input rates of GPT-4.1 and the o-series as the community map has them (GPT-4.1 in the bundled
     * snapshot; o3, o3-mini and o4-mini in the same source's Azure entries, at OpenAI's list price).
     */
    @Test
    void cachedInputRatesOfGpt41AndTheOSeriesAreTheVendorsListPrices() {
        assertThat(known.cachedInputPrice("gpt-4.1", "openai")).contains(0.5);
        assertThat(known.cachedInputPrice("gpt-4.1-2025-04-14", "openai")).contains(0.5);
        assertThat(known.cachedInputPrice("gpt-4.1-mini", "openai")).contains(0.1);
        assertThat(known.cachedInputPrice("gpt-4.1-nano", "openai")).contains(0.025);
        assertThat(known.cachedInputPrice("o3", "openai")).contains(0.5);
        assertThat(known.cachedInputPrice("o3-2025-04-16", "openai")).contains(0.5);
        assertThat(known.cachedInputPrice("o3-mini", "openai")).contains(0.55);
        assertThat(known.cachedInputPrice("o4-mini", "openai")).contains(0.275);
    }

    @Test
    void theKnownListAgreesWithTheBundledSnapshotWhereBothPriceAModel() {
        KnownModelList list = KnownModelList.read(json, KnownModels.KNOWN_RESOURCE);
        PriceMap snapshot = BundledPriceMap.read(json, KnownModels.SNAPSHOT_RESOURCE);
        for (String vendor : new String[] { "openai", "anthropic" }) {
            for (ModelFacts listed : list.models(vendor)) {
                ModelFacts mapped = snapshot.models(vendor).get(listed.id());
                if (mapped == null || listed.input() == null) {
                    continue;
                }
                assertThat(listed.input()).as(listed.id() + " input").isEqualTo(mapped.input());
                assertThat(listed.output()).as(listed.id() + " output").isEqualTo(mapped.output());
                assertThat(listed.cachedInput()).as(listed.id() + " cached input").isEqualTo(mapped.cachedInput());
            }
        }
    }

    @Test
    void theFetchedMapWinsOverTheSnapshotAndTheListFieldByField() {
        known.apply(new PriceMap(Map.of("openai", Map.of("gpt-4o-mini", new ModelFacts("gpt-4o-mini", null, null,
                null, null, 0.2, null, null, null)))));

        ModelInfo enriched = known.enrich(ModelInfo.named("gpt-4o-mini-2024-07-18", "p", "openai", 0), "openai");

        assertThat(enriched.inputPrice()).isEqualTo(0.2);
        assertThat(enriched.outputPrice()).isEqualTo(0.6);
        assertThat(enriched.displayName()).isEqualTo("GPT-4o mini");
        assertThat(enriched.capabilities()).contains(ModelCapability.VISION);
        assertThat(known.cachedInputPrice("gpt-4o-mini", "openai")).contains(0.075);
    }

    @Test
    void aCapabilityTheMapDoesNotMentionIsKeptAndOneItDeniesIsDropped() throws Exception {
        known.apply(new PriceMapReader(LocalDate.of(2026, 12, 3)).read(json.readTree("""
                {"deepseek-chat": {"input_cost_per_token": 2.8e-07, "litellm_provider": "deepseek", "mode": "chat",
                   "supports_function_calling": true},
                 "gpt-4o-mini": {"input_cost_per_token": 1.5e-07, "litellm_provider": "openai", "mode": "chat",
                   "supports_function_calling": true, "supports_vision": false},
                 "text-embedding-3-small": {"input_cost_per_token": 2e-08, "litellm_provider": "openai",
                   "mode": "embedding"}}""")));

        // JSON mode is known from the list and not mentioned by the map: kept, never refused on the map's silence.
        ModelInfo deepseek = known.enrich(ModelInfo.named("deepseek-chat", "p", "deepseek", 0), "deepseek");
        assertThat(deepseek.capabilities()).contains(ModelCapability.JSON, ModelCapability.TOOLS);
        assertThat(deepseek.inputPrice()).isEqualTo(0.28);
        ModelInfo mini = known.enrich(ModelInfo.named("gpt-4o-mini", "p", "openai", 0), "openai");
        assertThat(mini.capabilities()).contains(ModelCapability.JSON).doesNotContain(ModelCapability.VISION);
        ModelInfo embedding = known.enrich(ModelInfo.named("text-embedding-3-small", "p", "openai", 0), "openai");
        assertThat(embedding.capabilities()).containsExactly(ModelCapability.EMBEDDINGS);
    }

    @Test
    void aGuessByPrefixNeverMixesWithWhatIsKnownOfTheModelItself() {
        // Known only by the family it extends: the guess fills everything.
        ModelInfo guessed = known.enrich(ModelInfo.named("claude-sonnet-4-5-thinking", "p", "anthropic", 0),
                "anthropic");
        assertThat(guessed.inputPrice()).isEqualTo(3.0);
        assertThat(guessed.capabilities()).contains(ModelCapability.TOOLS);
        // Known itself (prices only, no mode in the snapshot): no capabilities borrowed from another family.
        ModelInfo pro = known.enrich(ModelInfo.named("gpt-5-pro", "p", "openai", 0), "openai");
        assertThat(pro.inputPrice()).isEqualTo(15.0);
        assertThat(pro.capabilities()).isNull();
    }
}
