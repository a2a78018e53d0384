package dev.wormhole.provider.openai.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code POST /rerank} as OpenAI-compatible servers speak it (Jina, vLLM). Reflection: serialized and read by the
 * dialect's ObjectMapper.
 */
public final class Rerank {

    private Rerank() {
    }

    /** The request; the gateway returns the documents' texts itself, so it never asks for them back. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Request(String model, String query, List<String> documents, @JsonProperty("top_n") Integer topN,
            @JsonProperty("return_documents") boolean returnDocuments) {
    }

    /** The reply. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Response(String id, String model, List<Result> results, Usage usage) {
    }

    /** One document's relevance (also the item of Cohere's and Voyage's replies). */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Result(Integer index, @JsonProperty("relevance_score") Double relevanceScore) {
    }

    /** Tokens read (also Voyage's usage). */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Usage(@JsonProperty("total_tokens") Long totalTokens) {
    }
}
