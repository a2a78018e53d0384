package dev.wormhole.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.wormhole.api.dto.RerankResponse;
import dev.wormhole.api.dto.UsageDto;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.RerankRequest;
import dev.wormhole.core.RerankResult;
import dev.wormhole.discovery.CapabilityGate;
import dev.wormhole.routing.CallTrace;
import dev.wormhole.routing.Reranker;
import io.smallrye.mutiny.Uni;

/**
 * {@code /v1/rerank} on an already-parsed body: refuses bad documents and a model that cannot rank before any
 * upstream call, and answers the scores most relevant first, at most {@code top_n} of them, with each document's
 * text when {@code return_documents} is true.
 */
@ApplicationScoped
public class RerankOperations {

    static final int MAX_DOCUMENTS = 10_000;

    private final Reranker reranker;
    private final CapabilityGate gate;

    RerankOperations(Reranker reranker, CapabilityGate gate) {
        this.reranker = reranker;
        this.gate = gate;
    }

    /** The ranked documents of a rerank body. */
    public Uni<RerankResponse> rerank(dev.wormhole.api.dto.RerankRequest body, CallTrace trace) {
        return Uni.createFrom().deferred(() -> {
            RerankRequest request = new RerankRequest(body.model(), body.query(), documents(body.documents()),
                    body.topN());
            gate.checkRerank(body.model());
            boolean withDocuments = Boolean.TRUE.equals(body.returnDocuments());
            return reranker.rerank(request, List.of(), trace).map(result -> toEdge(result, request, withDocuments));
        });
    }

    /** The texts of {@code documents}: an array of strings or of objects with a {@code text} string. */
    static List<String> documents(JsonNode documents) {
        if (!documents.isArray() || documents.isEmpty() || documents.size() > MAX_DOCUMENTS) {
            throw GatewayException.invalid("documents", "documents must be an array of 1 to " + MAX_DOCUMENTS
                    + " strings or objects with a \"text\" field.");
        }
        List<String> texts = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            texts.add(text(documents.get(i), "documents[" + i + "]"));
        }
        return texts;
    }

    private static String text(JsonNode document, String at) {
        JsonNode text = document.isObject() ? document.get("text") : document;
        String param = document.isObject() ? at + ".text" : at;
        if (text == null || !text.isTextual()) {
            throw GatewayException.invalid(param, at + " must be a string or an object with a \"text\" string.");
        }
        if (text.asText().isBlank()) {
            throw GatewayException.invalid(param, at + " holds no text; every document must hold text.");
        }
        return text.asText();
    }

    /** Most relevant first (ties in request order), at most {@code topN}. */
    static RerankResponse toEdge(RerankResult result, RerankRequest request, boolean withDocuments) {
        int limit = request.topN() == null ? Integer.MAX_VALUE : request.topN();
        List<RerankResponse.Result> results = result.scores().stream()
                .sorted(Comparator.comparingDouble(RerankResult.Score::relevance).reversed()
                        .thenComparingInt(RerankResult.Score::index))
                .limit(limit)
                .map(score -> new RerankResponse.Result(score.index(), score.relevance(), withDocuments
                        ? new RerankResponse.Document(request.documents().get(score.index())) : null))
                .toList();
        long tokens = result.usage().promptTokens();
        return new RerankResponse(result.id(), result.model(), results, new UsageDto(tokens, null, tokens, null,
                null));
    }
}
