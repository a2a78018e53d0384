package dev.wormhole.core;

import java.util.List;

/**
 * Documents to order by their relevance to a query. {@code topN} is null when every document is wanted back.
 */
public record RerankRequest(String model, String query, List<String> documents, Integer topN) {

    public RerankRequest {
        documents = List.copyOf(documents);
    }

    public RerankRequest withModel(String otherModel) {
        return new RerankRequest(otherModel, query, documents, topN);
    }

    /** The characters a reranker reads: the query once beside each document, and every document. */
    public long characters() {
        long total = (long) query.length() * documents.size();
        for (String document : documents) {
            total += document.length();
        }
        return total;
    }
}
