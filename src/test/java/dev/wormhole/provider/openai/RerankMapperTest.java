package dev.wormhole.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.wormhole.core.GatewayException;
import dev.wormhole.core.RerankRequest;
import dev.wormhole.core.RerankResult;
import dev.wormhole.provider.openai.wire.CohereRerank;
import dev.wormhole.provider.openai.wire.Rerank;
import dev.wormhole.provider.openai.wire.VoyageRerank;

class RerankMapperTest {

    private static final RerankRequest REQUEST = new RerankRequest("m", "dog", List.of("a cat", "the dog"), 1);

    private static Rerank.Response reply(Rerank.Result... results) {
        return new Rerank.Response(null, null, Arrays.asList(results), new Rerank.Usage(9L));
    }

    @Test
    void sendsTopNAsEachApiNamesIt() {
        assertThat(RerankMapper.toWire(REQUEST).topN()).isEqualTo(1);
        assertThat(RerankMapper.toCohere(REQUEST).topN()).isEqualTo(1);
        assertThat(RerankMapper.toVoyage(REQUEST).topK()).isEqualTo(1);
    }

    @Test
    void readsScoresInTheUpstreamsOrderWithItsTokens() {
        RerankResult result = RerankMapper.fromWire(reply(new Rerank.Result(1, 0.9), new Rerank.Result(0, 0.1)),
                REQUEST);

        assertThat(result.scores()).containsExactly(new RerankResult.Score(1, 0.9), new RerankResult.Score(0, 0.1));
        assertThat(result.model()).isEqualTo("m");
        assertThat(result.usage().promptTokens()).isEqualTo(9);
    }

    @Test
    void estimatesTheTokensOfAReplyWithoutUsage() {
        // "dog" beside each of two documents (6 chars) and the documents (5 + 7): 18 chars, 5 tokens
        RerankResult cohere = RerankMapper.fromCohere(new CohereRerank.Response("id", List.of(new Rerank.Result(1,
                0.5)), null), REQUEST);
        RerankResult voyage = RerankMapper.fromVoyage(new VoyageRerank.Response("list", List.of(), "m", null),
                REQUEST);

        assertThat(cohere.usage().promptTokens()).isEqualTo(5);
        assertThat(cohere.id()).isEqualTo("id");
        assertThat(voyage.usage().promptTokens()).isEqualTo(5);
    }

    @Test
    void refusesAReplyNamingADocumentTwiceOrNoneOrWithoutAScore() {
        for (Rerank.Response bad : List.of(reply(new Rerank.Result(0, 0.1), new Rerank.Result(0, 0.2)),
                reply(new Rerank.Result(2, 0.1)), reply(new Rerank.Result(-1, 0.1)), reply(new Rerank.Result(0, null)),
                reply(new Rerank.Result(null, 0.3)), reply((Rerank.Result) null),
                new Rerank.Response(null, null, null, null))) {
            assertThatThrownBy(() -> RerankMapper.fromWire(bad, REQUEST)).isInstanceOf(GatewayException.class)
                    .extracting(f -> ((GatewayException) f).code()).isEqualTo("upstream_malformed_response");
        }
    }
}
