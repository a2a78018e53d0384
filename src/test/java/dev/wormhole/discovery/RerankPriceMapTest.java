package dev.wormhole.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.core.ModelCapability;

/** LiteLLM's {@code mode: rerank} entries are rerank models (and nothing else); its chat models do not rerank. */
class RerankPriceMapTest {

    @Test
    void readsARerankModeAsTheRerankCapabilityAlone() throws Exception {
        PriceMap map = new PriceMapReader(LocalDate.of(2026, 12, 3)).read(new ObjectMapper().readTree("""
                {"together_ai/Salesforce/Llama-Rank-V1": {"litellm_provider": "together_ai", "mode": "rerank",
                   "input_cost_per_query": 0.0001},
                 "gpt-x": {"litellm_provider": "openai", "mode": "chat"}}"""));

        ModelFacts rerank = map.find("Salesforce/Llama-Rank-V1", "together").facts();
        ModelFacts chat = map.find("gpt-x", "openai").facts();

        assertThat(rerank.capabilities()).containsExactly(ModelCapability.RERANK);
        assertThat(rerank.lacks()).contains(ModelCapability.CHAT).doesNotContain(ModelCapability.RERANK);
        assertThat(chat.capabilities()).doesNotContain(ModelCapability.RERANK);
    }
}
