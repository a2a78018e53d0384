package dev.wormhole.core;

import java.util.List;

/**
 * The relevance of documents to a query, in the order the provider gave them; {@code id} is the upstream's
 * (null when it gives none).
 */
public record RerankResult(String id, String model, List<Score> scores, Usage usage) {

    public RerankResult {
        scores = List.copyOf(scores);
    }

    /** The relevance of the document at {@code index} of the request. */
    public record Score(int index, double relevance) {
    }
}
