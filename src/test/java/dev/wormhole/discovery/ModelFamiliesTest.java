package dev.wormhole.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Family inference on real model ids as vendors list them. */
class ModelFamiliesTest {

    /** A vendor's known models: aliases and dated ids, as the price map and the known list hold them. */
    private static final VendorModels KNOWN = models("claude-sonnet-4-5", "claude-sonnet-4-20250514",
            "claude-opus-4-1", "claude-3-5-haiku-20241022", "claude-3-7-sonnet-20250219", "gpt-5-mini", "gpt-5",
            "gpt-4o", "gpt-4o-2024-05-13", "gpt-4o-mini", "gpt-4.1", "gemini-2.5-flash", "gemini-2.5-pro",
            "gemini-embedding-001", "mistral-large-latest", "text-embedding-3-small", "o3", "o4-mini");

    private static VendorModels models(String... ids) {
        Map<String, ModelFacts> byId = new HashMap<>();
        for (String id : ids) {
            byId.put(id, new ModelFacts(id, null, null, null, null, null, null, null, null));
        }
        return new VendorModels(byId);
    }

    @ParameterizedTest
    @CsvSource({
            "claude-sonnet-4-5-20250929, claude-sonnet-4-5",
            "claude-sonnet-4-20250514, claude-sonnet-4",
            "claude-opus-4-1@20250805, claude-opus-4-1",
            "claude-3-5-haiku-latest, claude-3-5-haiku",
            "gpt-5-mini-2025-08-07, gpt-5-mini",
            "gpt-4o-2024-11-20, gpt-4o",
            "gpt-3.5-turbo-0125, gpt-3.5-turbo",
            "gemini-2.5-flash-preview-05-20, gemini-2.5-flash",
            "gemini-1.5-pro-002, gemini-1.5-pro",
            "gemini-embedding-001, gemini-embedding",
            "gemini-3-pro-preview, gemini-3-pro",
            "mistral-large-2411, mistral-large",
            "mistral-large-latest, mistral-large",
            "o3-2025-04-16, o3",
            "GPT-4o, gpt-4o",
            "llama-3.3-70b-versatile, llama-3.3-70b-versatile" })
    void stripsVersionMarks(String id, String family) {
        assertThat(ModelFamilies.family(id)).isEqualTo(family);
    }

    @ParameterizedTest
    @CsvSource({
            "claude-sonnet-4-5-20250929, claude-sonnet-4-5, EXACT_OR_FAMILY",
            "claude-opus-4-1-20250805, claude-opus-4-1, EXACT_OR_FAMILY",
            "claude-3-5-haiku-latest, claude-3-5-haiku-20241022, EXACT_OR_FAMILY",
            "claude-sonnet-4-20250514, claude-sonnet-4-20250514, EXACT_OR_FAMILY",
            "gpt-5-mini-2025-08-07, gpt-5-mini, EXACT_OR_FAMILY",
            "gpt-4o-2024-08-06, gpt-4o, EXACT_OR_FAMILY",
            "gemini-2.5-flash-preview-05-20, gemini-2.5-flash, EXACT_OR_FAMILY",
            "gemini-embedding-001, gemini-embedding-001, EXACT_OR_FAMILY",
            "mistral-large-2411, mistral-large-latest, EXACT_OR_FAMILY",
            "claude-sonnet-4-6, claude-sonnet-4-20250514, PREFIX",
            "claude-opus-4-1-thinking, claude-opus-4-1, PREFIX",
            "gpt-5-mini-high, gpt-5-mini, PREFIX",
            "o4-mini-deep-research-2025-06-26, -, NONE",
            "gpt-4o-mini-tts, -, NONE",
            "gpt-4o-realtime-preview-2025-06-03, -, NONE",
            "gpt-4o-search-preview, -, NONE",
            "gpt-4.1-mini, -, NONE",
            "text-embedding-3-large, -, NONE",
            "ft:gpt-4o-mini:acme::abc, -, NONE" })
    void findsTheFamilyOrTheLongestFamilyExtended(String id, String expected, String how) {
        VendorModels.Found found = KNOWN.find(id, true);
        if ("NONE".equals(how)) {
            assertThat(found).as(id).isNull();
            return;
        }
        assertThat(found).as(id).isNotNull();
        assertThat(found.facts().id()).isEqualTo(expected);
        assertThat(found.match() == VendorModels.Match.PREFIX).isEqualTo("PREFIX".equals(how));
    }

    @ParameterizedTest
    @CsvSource({ "claude-sonnet-4-6", "gpt-5-mini-high" })
    void infersNoPrefixWhenAskedNotTo(String id) {
        assertThat(KNOWN.find(id, false)).isNull();
    }

    @org.junit.jupiter.api.Test
    void neverMatchesAcrossVendorsWhenTheVendorIsKnown() {
        PriceMap map = new PriceMap(Map.of("openai", Map.of("gpt-5", facts("gpt-5")), "anthropic",
                Map.of("claude-sonnet-4-5", facts("claude-sonnet-4-5"))));

        assertThat(map.find("claude-sonnet-4-5-20250929", "openai")).isNull();
        assertThat(map.find("gpt-5-2025-08-07", "anthropic")).isNull();
        assertThat(map.find("claude-sonnet-4-5-20250929", "anthropic").facts().id()).isEqualTo("claude-sonnet-4-5");
        // With no vendor known, only an exact id or family is taken, never a prefix guess.
        assertThat(map.find("gpt-5-2025-08-07", null).facts().id()).isEqualTo("gpt-5");
        assertThat(map.find("gpt-5-mini", null)).isNull();
        assertThat(List.of(ModelFamilies.extendsFamily("gpt-4.1", "gpt-4"))).containsExactly(false);
    }

    private static ModelFacts facts(String id) {
        return new ModelFacts(id, null, null, null, null, null, null, null, null);
    }
}
