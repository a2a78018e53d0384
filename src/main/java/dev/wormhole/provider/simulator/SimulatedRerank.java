package dev.wormhole.provider.simulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import dev.wormhole.core.RerankRequest;
import dev.wormhole.core.RerankResult;
import dev.wormhole.core.Usage;

/**
 * The simulator's deterministic reranking: a document's relevance is the share of the query's distinct words
 * (letters and digits, case-folded) that it contains, from 0 to 1. Scores come back in document order, as the
 * gateway sorts them.
 */
final class SimulatedRerank {

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private SimulatedRerank() {
    }

    static RerankResult rerank(RerankRequest request) {
        Set<String> query = words(request.query());
        List<RerankResult.Score> scores = new ArrayList<>(request.documents().size());
        long tokens = 0;
        for (int i = 0; i < request.documents().size(); i++) {
            String document = request.documents().get(i);
            scores.add(new RerankResult.Score(i, relevance(query, words(document))));
            tokens += SimulatedAnswer.estimateTokens(request.query()) + SimulatedAnswer.estimateTokens(document);
        }
        String id = "rerank-" + SimulatedAnswer.sha256(request.model() + "\u0000" + request.query()).substring(0, 24);
        return new RerankResult(id, request.model(), scores, Usage.of(tokens, 0));
    }

    static double relevance(Set<String> query, Set<String> document) {
        if (query.isEmpty()) {
            return 0;
        }
        long found = query.stream().filter(document::contains).count();
        return (double) found / query.size();
    }

    static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        for (String word : NON_WORD.split(text.toLowerCase(Locale.ROOT))) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }
}
