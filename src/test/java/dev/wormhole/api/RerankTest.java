package dev.wormhole.api;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
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
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;

/**
 * {@code POST /v1/rerank} over HTTP only ({@link RerankIT} runs it on the packaged application): the simulator's
 * word-overlap ranking, {@code top_n} and {@code return_documents}, bad input refused before any upstream call, the
 * capability gate, and usage.
 */
@QuarkusTest
@QuarkusTestResource(UpstreamMock.class)
class RerankTest {

    private static final String DOCUMENTS = "[\"a cat\",\"the dog\",{\"text\":\"a bird\"}]";

    private WireMockServer upstream;

    @BeforeEach
    void reset() {
        upstream = UpstreamMock.wireMock();
        upstream.resetAll();
    }

    private static String body(String model, String extra) {
        return "{\"model\":\"" + model + "\",\"query\":\"dog\",\"documents\":" + DOCUMENTS + extra + "}";
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

}
