package dev.wormhole.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class KnownModelsPricesTest {

    private final KnownModels known = new KnownModels(new ObjectMapper());

    @Test
    void knowsCachedInputRatesOfDatedVersions() {
        assertThat(known.cachedInputPrice("gpt-4o-mini-2024-07-18", "openai")).contains(0.075);
        assertThat(known.cachedInputPrice("claude-sonnet-4-20250514", "anthropic")).contains(0.30);
    }

    @Test
    void hasNoCachedRateWhereTheVendorPublishesNoneOrTheVendorIsUnknown() {
        assertThat(known.cachedInputPrice("gemini-2.5-pro", "gemini")).isEmpty();
        assertThat(known.cachedInputPrice("gpt-4o", null)).isEmpty();
        assertThat(known.cachedInputPrice("no-such-model", "openai")).isEmpty();
    }
}
