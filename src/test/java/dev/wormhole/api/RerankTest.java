package dev.wormhole.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.wormhole.testing.Gateway;
import dev.wormhole.testing.RawClient;
import dev.wormhole.testing.StallingUpstream;
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;

/**
 * {@code POST /v1/rerank} over HTTP only ({@link RerankIT} runs it on the packaged application): the simulator's
 * word-overlap ranking, {@code top_n} and {@code return_documents}, each upstream rerank API with its exact request
 * body, bad input refused before any upstream call, the capability gate, upstream failures, cancellation, usage and
 * idempotency.
 */
@QuarkusTest
@QuarkusTestResource(UpstreamMock.class)
class RerankTest {

    private static final String DOCUMENTS = "[\"a cat\",\"the dog\",{\"text\":\"a bird\"}]";

    @TestHTTPResource
    URL gateway;

    private WireMockServer upstream;

    @BeforeEach
    void reset() {
        upstream = UpstreamMock.wireMock();
        upstream.resetAll();
    }

    private static String body(String model, String extra) {
        return "{\"model\":\"" + model + "\",\"query\":\"dog\",\"documents\":" + DOCUMENTS + extra + "}";
    }

    private void stubRerank(String path, String expectedBody, String reply) {
        upstream.stubFor(post(urlEqualTo(path)).withRequestBody(equalToJson(expectedBody))
                .withHeader("Authorization", equalTo("Bearer " + UpstreamMock.UPSTREAM_KEY))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(reply)));
    }

    @Test
    void ranksSimulatorDocumentsByWordOverlapMostRelevantFirst() {
        JsonPath answer = Gateway.request().body("{\"model\":\"sim-rerank-1\",\"query\":\"Red apple pie\","
                + "\"documents\":[\"blue sky\",\"apple pie recipe\",{\"text\":\"a red apple pie!\"}]}")
                .post("/v1/rerank").then().statusCode(200).extract().body()
                .jsonPath(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));

        assertThat(answer.getList("results.index", Integer.class)).containsExactly(2, 1, 0);
        assertThat(answer.getList("results.relevance_score", Double.class)).containsExactly(1.0, 2.0 / 3, 0.0);
        assertThat(answer.getList("results.document")).containsOnlyNulls();
        assertThat(answer.getLong("usage.prompt_tokens")).isPositive()
                .isEqualTo(answer.getLong("usage.total_tokens"));
        assertThat(answer.getString("model")).isEqualTo("sim-rerank-1");
        upstream.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void keepsTheTopNAndReturnsTheDocumentsWhenAsked() {
        Gateway.request().body(body("sim-rerank-1", ",\"top_n\":2,\"return_documents\":true")).post("/v1/rerank")
                .then().statusCode(200)
                .body("results.size()", is(2))
                .body("results[0].index", is(1))
                .body("results[0].document.text", is("the dog"))
                .body("results[1].document.text", is("a cat"));
    }

    @Test
    void speaksTheOpenAiCompatibleRerankApi() {
        stubRerank("/v1/rerank", "{\"model\":\"jina-reranker-v2\",\"query\":\"dog\",\"documents\":[\"a cat\","
                + "\"the dog\",\"a bird\"],\"top_n\":2,\"return_documents\":false}",
                "{\"model\":\"jina-reranker-v2\",\"results\":[{\"index\":0,\"relevance_score\":0.25},"
                        + "{\"index\":1,\"relevance_score\":0.75,\"document\":{\"text\":\"the dog\"}}],"
                        + "\"usage\":{\"total_tokens\":42}}");

        Gateway.request().body(body("openai/jina-reranker-v2", ",\"top_n\":2,\"return_documents\":true"))
                .post("/v1/rerank").then().statusCode(200)
                .body("model", is("jina-reranker-v2"))
                .body("results.index", contains(1, 0))
                .body("results[0].relevance_score", is(0.75f))
                .body("results[0].document.text", is("the dog"))
                .body("results[1].document.text", is("a cat"))
                .body("usage.prompt_tokens", is(42))
                .body("usage.total_tokens", is(42));
        upstream.verify(1, postRequestedFor(urlEqualTo("/v1/rerank")));
    }

    @Test
    void speaksCohereV2RerankAndEstimatesTheTokensItBillsInSearchUnits() {
        stubRerank("/v2/rerank", "{\"model\":\"rerank-v3.5\",\"query\":\"dog\",\"documents\":[\"a cat\","
                + "\"the dog\",\"a bird\"]}", "{\"id\":\"c0ffee\",\"results\":[{\"index\":1,\"relevance_score\":0.9},"
                        + "{\"index\":2,\"relevance_score\":0.1},{\"index\":0,\"relevance_score\":0.2}],"
                        + "\"meta\":{\"api_version\":{\"version\":\"2\"},\"billed_units\":{\"search_units\":1}}}");

        // query (3 chars) beside each of 3 documents, and the documents (5 + 7 + 6 chars): 27 chars, 7 tokens
        Gateway.request().body(body("cohered/rerank-v3.5", "")).post("/v1/rerank").then().statusCode(200)
                .body("id", is("c0ffee"))
                .body("model", is("rerank-v3.5"))
                .body("results.index", contains(1, 0, 2))
                .body("results[0].document", nullValue())
                .body("usage.prompt_tokens", is(7));
        upstream.verify(1, postRequestedFor(urlEqualTo("/v2/rerank")));
    }

    @Test
    void speaksVoyageRerank() {
        stubRerank("/v1/rerank", "{\"query\":\"dog\",\"documents\":[\"a cat\",\"the dog\",\"a bird\"],"
                + "\"model\":\"rerank-2\",\"top_k\":1,\"return_documents\":false}",
                "{\"object\":\"list\",\"data\":[{\"relevance_score\":0.8,\"index\":1}],\"model\":\"rerank-2\","
                        + "\"usage\":{\"total_tokens\":17}}");

        Gateway.request().body(body("voyaged/rerank-2", ",\"top_n\":1")).post("/v1/rerank").then().statusCode(200)
                .body("results.index", contains(1))
                .body("results[0].relevance_score", is(0.8f))
                .body("usage.prompt_tokens", is(17));
        upstream.verify(1, postRequestedFor(urlEqualTo("/v1/rerank")));
    }

    static Stream<Arguments> badRequests() {
        String m = "\"model\":\"openai/rr\"";
        String q = ",\"query\":\"dog\"";
        String d = ",\"documents\":[\"a\"]";
        return Stream.of(
                Arguments.of("{\"query\":\"dog\"" + d + "}", "model"),
                Arguments.of("{" + m + d + "}", "query"),
                Arguments.of("{" + m + ",\"query\":\"\"" + d + "}", "query"),
                Arguments.of("{" + m + ",\"query\":\"  \"" + d + "}", "query"),
                Arguments.of("{" + m + ",\"query\":5" + d + "}", "query"),
                Arguments.of("{" + m + ",\"query\":[\"dog\"]" + d + "}", "query"),
                Arguments.of("{" + m + q + "}", "documents"),
                Arguments.of("{" + m + q + ",\"documents\":[]}", "documents"),
                Arguments.of("{" + m + q + ",\"documents\":\"a\"}", "documents"),
                Arguments.of("{" + m + q + ",\"documents\":[7]}", "documents[0]"),
                Arguments.of("{" + m + q + ",\"documents\":[\"a\",\"\"]}", "documents[1]"),
                Arguments.of("{" + m + q + ",\"documents\":[{\"title\":\"a\"}]}", "documents[0].text"),
                Arguments.of("{" + m + q + ",\"documents\":[{\"text\":\" \"}]}", "documents[0].text"),
                Arguments.of("{" + m + q + ",\"documents\":[{\"text\":1}]}", "documents[0].text"),
                Arguments.of("{" + m + q + d + ",\"top_n\":0}", "top_n"),
                Arguments.of("{" + m + q + d + ",\"top_n\":\"2\"}", "top_n"),
                Arguments.of("{" + m + q + d + ",\"top_n\":1.5}", "top_n"),
                Arguments.of("{" + m + q + d + ",\"return_documents\":\"yes\"}", "return_documents"));
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    void refusesBadInputNamingTheFieldBeforeAnyUpstreamCall(String body, String param) {
        Gateway.request().body(body).post("/v1/rerank").then().statusCode(400)
                .body("error.type", is("invalid_request_error"))
                .body("error.param", is(param));
        upstream.verify(0, anyRequestedFor(anyUrl()));
    }

    @ParameterizedTest
    @ValueSource(strings = { "sim-1", "sim-embed-1", "offline/llama-3.1-8b-instant" })
    void refusesAModelTheCatalogKnowsCannotRerank(String model) {
        Gateway.request().body(body(model, "")).post("/v1/rerank").then().statusCode(400)
                .body("error.param", is("model"))
                .body("error.message", containsString("does not support rerank"));
        upstream.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void listsTheSimulatorsRerankModelWithItsCapability() {
        Gateway.request().get("/v1/models/simulator/sim-rerank-1").then().statusCode(200)
                .body("wormhole.capabilities", hasItem("rerank"));
        Gateway.request().get("/v1/models?capability=rerank").then().statusCode(200)
                .body("data.id", hasItem("simulator/sim-rerank-1"));
    }

    @Test
    void mapsAnUpstream429ToARateLimitError() {
        upstream.stubFor(post(urlEqualTo("/v1/rerank")).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_error\"}}")));

        Gateway.request().body(body("openai/jina-reranker-v2", "")).post("/v1/rerank").then().statusCode(429)
                .body("error.type", is("rate_limit_error"));
    }

    @Test
    void mapsAnUpstream500ToAnUpstreamError() {
        upstream.stubFor(post(urlEqualTo("/v2/rerank")).willReturn(aResponse().withStatus(500)
                .withBody("{\"message\":\"internal\"}")));

        Gateway.request().body(body("cohered/rerank-v3.5", "")).post("/v1/rerank").then().statusCode(502)
                .body("error.type", is("api_error"))
                .body("error.code", is("upstream_error"));
    }

    @Test
    void refusesAReplyRankingADocumentThatWasNotSent() {
        upstream.stubFor(post(urlEqualTo("/v1/rerank")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"results\":[{\"index\":3,\"relevance_score\":0.5}]}")));

        Gateway.request().body(body("openai/jina-reranker-v2", "")).post("/v1/rerank").then().statusCode(502)
                .body("error.code", is("upstream_malformed_response"));
    }

    @Test
    void aClientThatHangsUpCancelsTheUpstreamCall() throws Exception {
        StallingUpstream stalling = UpstreamMock.stalling();
        int accepted = stalling.accepted();
        int closed = stalling.closedByPeer();
        try (RawClient client = RawClient.post(gateway, "/v1/rerank", body("stall/r", ""))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> stalling.accepted() > accepted);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> stalling.closedByPeer() > closed);
    }

    @Test
    void recordsTheTokensAsTheKeysInputUsage() {
        JsonPath key = Gateway.admin().body("{\"name\":\"rerank-" + UUID.randomUUID() + "\"}").post("/admin/keys")
                .then().statusCode(201).extract().jsonPath();
        long told = 0;
        for (int i = 0; i < 2; i++) {
            told += Gateway.as(key.getString("secret")).body(body("sim-rerank-1", "")).post("/v1/rerank").then()
                    .statusCode(200).extract().jsonPath().getLong("usage.prompt_tokens");
        }

        String query = "/admin/usage?key=" + key.getString("id");
        await().atMost(Duration.ofSeconds(5)).until(() -> Gateway.admin().get(query).then().statusCode(200)
                .extract().jsonPath().getLong("totals.requests") == 2);
        JsonPath totals = Gateway.admin().get(query).then().extract().jsonPath();
        assertThat(totals.getLong("totals.prompt_tokens")).isEqualTo(told).isPositive();
        assertThat(totals.getLong("totals.completion_tokens")).isZero();
        assertThat(totals.getLong("totals.errors")).isZero();
    }

    @Test
    void answersARepeatedIdempotencyKeyWithoutASecondUpstreamCall() {
        stubRerank("/v1/rerank", "{\"model\":\"jina-reranker-v2\",\"query\":\"dog\",\"documents\":[\"a cat\","
                + "\"the dog\",\"a bird\"],\"return_documents\":false}",
                "{\"results\":[{\"index\":1,\"relevance_score\":0.5}],\"usage\":{\"total_tokens\":3}}");
        String key = "rerank-" + UUID.randomUUID();

        List<String> replayed = Stream.of(1, 2).map(i -> Gateway.request().header("Idempotency-Key", key)
                .body(body("openai/jina-reranker-v2", "")).post("/v1/rerank").then().statusCode(200)
                .body("results[0].index", is(1)).extract().header("idempotent-replayed"))
                .toList();

        assertThat(replayed).containsExactly(null, "true");
        upstream.verify(1, postRequestedFor(urlEqualTo("/v1/rerank")));
    }
}
