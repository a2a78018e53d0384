package dev.wormhole.provider.openai;

import java.util.ArrayList;
import java.util.List;

import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.RerankRequest;
import dev.wormhole.core.RerankResult;
import dev.wormhole.core.Usage;
import dev.wormhole.provider.openai.wire.CohereRerank;
import dev.wormhole.provider.openai.wire.Rerank;
import dev.wormhole.provider.openai.wire.VoyageRerank;

/**
 * Pure functions between the core's rerank request and result and the three rerank APIs an OpenAI-dialect
 * provider may speak. A reply naming a document the request did not hold, or a score missing, is malformed.
 * Usage counts input tokens only: the upstream's {@code total_tokens}, or, where it reports none (Cohere bills
 * search units, not tokens), an estimate of four characters a token over the query beside each document.
 */
final class RerankMapper {

    private static final int CHARS_PER_TOKEN = 4;

    private RerankMapper() {
    }

    static Rerank.Request toWire(RerankRequest request) {
        return new Rerank.Request(request.model(), request.query(), request.documents(), request.topN(), false);
    }

    static CohereRerank.Request toCohere(RerankRequest request) {
        return new CohereRerank.Request(request.model(), request.query(), request.documents(), request.topN());
    }

    static VoyageRerank.Request toVoyage(RerankRequest request) {
        return new VoyageRerank.Request(request.query(), request.documents(), request.model(), request.topN(), false);
    }

    static RerankResult fromWire(Rerank.Response response, RerankRequest request) {
        return result(response.id(), response.model(), response.results(), tokens(response.usage()), request);
    }

    static RerankResult fromCohere(CohereRerank.Response response, RerankRequest request) {
        return result(response.id(), null, response.results(), null, request);
    }

    static RerankResult fromVoyage(VoyageRerank.Response response, RerankRequest request) {
        return result(null, response.model(), response.data(), tokens(response.usage()), request);
    }

    private static Long tokens(Rerank.Usage usage) {
        return usage == null ? null : usage.totalTokens();
    }

    private static RerankResult result(String id, String model, List<Rerank.Result> results, Long tokens,
            RerankRequest request) {
        int documents = request.documents().size();
        if (results == null || results.size() > documents) {
            throw malformed("The upstream returned no rerank results, or more than there are documents.");
        }
        List<RerankResult.Score> scores = new ArrayList<>(results.size());
        boolean[] seen = new boolean[documents];
        for (Rerank.Result result : results) {
            if (result == null || result.index() == null || result.relevanceScore() == null || result.index() < 0
                    || result.index() >= documents || seen[result.index()]) {
                throw malformed("The upstream returned a rerank result without a score or for no document sent.");
            }
            seen[result.index()] = true;
            scores.add(new RerankResult.Score(result.index(), result.relevanceScore()));
        }
        long input = tokens != null ? tokens
                : (request.characters() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
        return new RerankResult(id, model == null ? request.model() : model, scores, Usage.of(input, 0));
    }

    private static GatewayException malformed(String message) {
        return GatewayException.of(ErrorKind.UPSTREAM_ERROR, "upstream_malformed_response", message);
    }
}
