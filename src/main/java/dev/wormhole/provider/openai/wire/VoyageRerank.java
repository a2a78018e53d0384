package dev.wormhole.provider.openai.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Voyage AI's {@code POST /v1/rerank}. Reflection: serialized and read by the dialect's ObjectMapper. */
public final class VoyageRerank {

    private VoyageRerank() {
    }

    /** The request; the gateway returns the documents' texts itself, so it never asks for them back. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Request(String query, List<String> documents, String model, @JsonProperty("top_k") Integer topK,
            @JsonProperty("return_documents") boolean returnDocuments) {
    }

    /** The reply. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Response(String object, List<Rerank.Result> data, String model, Rerank.Usage usage) {
    }
}
