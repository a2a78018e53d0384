package dev.wormhole.provider.openai.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Cohere's {@code POST /v2/rerank}. Reflection: serialized and read by the dialect's ObjectMapper. */
public final class CohereRerank {

    private CohereRerank() {
    }

    /** The request. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Request(String model, String query, List<String> documents, @JsonProperty("top_n") Integer topN) {
    }

    /** The reply: scores, and what the call was billed in search units. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Response(String id, List<Rerank.Result> results, Meta meta) {
    }

    /** The reply's metadata. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Meta(@JsonProperty("billed_units") BilledUnits billedUnits) {
    }

    /** What the call was billed. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BilledUnits(@JsonProperty("search_units") Double searchUnits) {
    }
}
