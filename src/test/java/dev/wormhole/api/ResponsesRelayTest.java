package dev.wormhole.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.wormhole.testing.Metrics.count;
import static dev.wormhole.testing.Metrics.scrape;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;

import dev.wormhole.testing.SdkSuite;
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Responses API requests for a provider that speaks the Responses API itself ({@code responsive}, configured with
 * {@code wire-api=responses}) go up untranslated — hosted tools, namespaces and fields the gateway does not know
 * included — with nothing stored upstream, and come back byte for byte; faults mid-stream end it with an
 * {@code error} event. No CDI injection: ResponsesRelayIT runs the suite against the packaged application.
 */
@QuarkusTest
@QuarkusTestResource(UpstreamMock.class)
class ResponsesRelayTest extends SdkSuite {

    private static final String REQUEST = """
            {"model":"responsive/gpt-5","input":[{"role":"user","content":[{"type":"input_text","text":"Search it"}]}],
             "instructions":"Be brief.","tools":[{"type":"web_search"},{"type":"namespace","name":"agents",
             "tools":[{"type":"function","name":"spawn","parameters":{"type":"object"}}]}],
             "include":["reasoning.encrypted_content"],"reasoning":{"effort":"high","summary":"auto"},
             "store":false,"prompt_cache_key":"abc","client_metadata":{"session":"s1"},
             "wormhole":{"fallbacks":["simulator/sim-1"]},"future_field":{"kept":true}}""";

    private static final String REPLY = "{\"id\":\"resp_up1\",\"object\":\"response\",\"created_at\":1700000000,"
            + "\"status\":\"completed\",\"model\":\"gpt-5-2025-08-07\",\"output\":[{\"type\":\"web_search_call\","
            + "\"id\":\"ws_1\",\"status\":\"completed\",\"action\":{\"type\":\"search\",\"query\":\"it\"}},"
            + "{\"type\":\"message\",\"id\":\"msg_1\",\"status\":\"completed\",\"role\":\"assistant\",\"content\":[{"
            + "\"type\":\"output_text\",\"text\":\"Found it.\",\"annotations\":[]}]}],\"usage\":{\"input_tokens\":30,"
            + "\"input_tokens_details\":{\"cached_tokens\":10},\"output_tokens\":5,\"output_tokens_details\":{"
            + "\"reasoning_tokens\":2},\"total_tokens\":35}}";

    private static final String STREAM = """
            event: response.created
            data: {"type":"response.created","sequence_number":0,"response":{"id":"resp_up2","object":"response","created_at":1700000000,"status":"in_progress","model":"gpt-5","output":[]}}

            event: response.output_item.added
            data: {"type":"response.output_item.added","sequence_number":1,"output_index":0,"item":{"type":"message","id":"msg_2","status":"in_progress","role":"assistant","content":[]}}

            event: response.output_text.delta
            data: {"type":"response.output_text.delta","sequence_number":2,"item_id":"msg_2","output_index":0,"content_index":0,"delta":"Hel"}

            event: response.output_text.delta
            data: {"type":"response.output_text.delta","sequence_number":3,"item_id":"msg_2","output_index":0,"content_index":0,"delta":"lo"}

            event: response.output_item.done
            data: {"type":"response.output_item.done","sequence_number":4,"output_index":0,"item":{"type":"message","id":"msg_2","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Hello","annotations":[]}]}}

            event: response.completed
            data: {"type":"response.completed","sequence_number":5,"response":{"id":"resp_up2","object":"response","created_at":1700000000,"status":"completed","model":"gpt-5","output":[{"type":"message","id":"msg_2","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Hello","annotations":[]}]}],"usage":{"input_tokens":3,"output_tokens":2,"total_tokens":5}}}

            """;

    @Test
    void relaysTheBodyUntranslatedAndAnswersWithTheUpstreamsBytes() {
        upstream.stubFor(post(urlEqualTo("/v1/responses")).willReturn(json(REPLY)));

        String answer = authorized().body(REQUEST).post("/v1/responses").then().statusCode(200).extract().asString();

        assertThat(answer).isEqualTo(REPLY);
        upstream.verify(postRequestedFor(urlEqualTo("/v1/responses")).withRequestBody(equalToJson("""
                {"model":"gpt-5","input":[{"role":"user","content":[{"type":"input_text","text":"Search it"}]}],
                 "instructions":"Be brief.","tools":[{"type":"web_search"},{"type":"namespace","name":"agents",
                 "tools":[{"type":"function","name":"spawn","parameters":{"type":"object"}}]}],
                 "include":["reasoning.encrypted_content"],"reasoning":{"effort":"high","summary":"auto"},
                 "store":false,"prompt_cache_key":"abc","future_field":{"kept":true}}""")));
    }

    @Test
    void countsRelayedRepliesAndStreamsInTheMetricsWithTheUsageTheyCarried() {
        upstream.stubFor(post(urlEqualTo("/v1/responses")).withRequestBody(containing("\"stream\":true"))
                .willReturn(sse(STREAM)));
        upstream.stubFor(post(urlEqualTo("/v1/responses")).withRequestBody(notContaining("\"stream\":true"))
                .willReturn(json(REPLY)));
        String[] labels = { "gen_ai_operation_name=\"chat\"", "gen_ai_provider_name=\"responsive\"",
            "error_type=\"none\"" };
        String[] input = { labels[0], labels[1], labels[2], "gen_ai_token_type=\"input\"" };
        String[] output = { labels[0], labels[1], labels[2], "gen_ai_token_type=\"output\"" };
        String before = scrape();

        authorized().body(REQUEST).post("/v1/responses").then().statusCode(200);
        authorized().body("{\"model\":\"responsive/gpt-5\",\"input\":\"hi\",\"stream\":true}").post("/v1/responses")
                .then().statusCode(200);

        await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                count(scrape(), "gen_ai_client_operation_duration_seconds_count", labels)
                        - count(before, "gen_ai_client_operation_duration_seconds_count", labels)).isEqualTo(2));
        String after = scrape();
        assertThat(count(after, "gen_ai_client_token_usage_tokens_sum", input)
                - count(before, "gen_ai_client_token_usage_tokens_sum", input)).isEqualTo(30 + 3);
        assertThat(count(after, "gen_ai_client_token_usage_tokens_sum", output)
                - count(before, "gen_ai_client_token_usage_tokens_sum", output)).isEqualTo(5 + 2);
        assertThat(count(after, "gen_ai_server_time_to_first_token_seconds_count", labels)
                - count(before, "gen_ai_server_time_to_first_token_seconds_count", labels)).isEqualTo(1);
    }

    @Test
    void refusesAHostedToolForAProviderThatTranslates() {
        authorized().body("{\"model\":\"openai/gpt-4o-mini\",\"input\":\"hi\",\"tools\":[{\"type\":\"web_search\"}]}")
                .post("/v1/responses").then().statusCode(400)
                .body("error.param", org.hamcrest.Matchers.equalTo("tools[0].type"));
        assertThat(upstream.getAllServeEvents()).isEmpty();
    }

    @Test
    void relaysAStreamThroughTheSdk() {
        upstream.stubFor(post(urlEqualTo("/v1/responses")).willReturn(sse(STREAM)));

        ResponseAccumulator accumulator = ResponseAccumulator.create();
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(
                ResponseCreateParams.builder().model("responsive/gpt-5").input("hi").build())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Response response = accumulator.response();

        assertThat(response.id()).isEqualTo("resp_up2");
        assertThat(response.output().get(0).asMessage().content().get(0).asOutputText().text()).isEqualTo("Hello");
        upstream.verify(postRequestedFor(urlEqualTo("/v1/responses"))
                .withRequestBody(equalToJson("{\"model\":\"gpt-5\",\"stream\":true,\"store\":false}", true, true)));
    }

    @Test
    void passesEveryEventOnAsItCame() {
        upstream.stubFor(post(urlEqualTo("/v1/responses")).willReturn(sse(STREAM)));

        String events = authorized().body("{\"model\":\"responsive/gpt-5\",\"input\":\"hi\",\"stream\":true}")
                .post("/v1/responses").then().statusCode(200).contentType(containsString("text/event-stream"))
                .extract().asString();

        assertThat(events).isEqualTo(STREAM);
    }

    @Test
    void endsAStreamCutBeforeItsLastEventWithAnErrorEvent() {
        String cut = STREAM.substring(0, STREAM.indexOf("event: response.output_item.done"));
        upstream.stubFor(post(urlEqualTo("/v1/responses")).willReturn(sse(cut)));

        String events = authorized().body("{\"model\":\"responsive/gpt-5\",\"input\":\"hi\",\"stream\":true}")
                .post("/v1/responses").then().statusCode(200).extract().asString();

        assertThat(events).startsWith(cut).contains("event: error\ndata: {\"type\":\"error\",\"code\":")
                .contains("\"sequence_number\":4").doesNotContain("response.completed");
    }

    @Test
    void endsAStreamWithTheUpstreamsInBandError() {
        String cut = STREAM.substring(0, STREAM.indexOf("event: response.output_item.done"));
        upstream.stubFor(post(urlEqualTo("/v1/responses")).willReturn(sse(cut + "event: error\ndata: {\"type\":"
                + "\"error\",\"code\":\"server_error\",\"message\":\"Something broke\",\"sequence_number\":4}\n\n")));

        String events = authorized().body("{\"model\":\"responsive/gpt-5\",\"input\":\"hi\",\"stream\":true}")
                .post("/v1/responses").then().statusCode(200).extract().asString();

        assertThat(events).startsWith(cut).contains("Something broke").contains("\"sequence_number\":4")
                .doesNotContain("response.completed");
    }

    @Test
    void storesARelayedResponseAndContinuesItWithTheWholeConversationUpstream() {
        upstream.stubFor(post(urlEqualTo("/v1/responses")).willReturn(json(REPLY)));

        authorized().body("{\"model\":\"responsive/gpt-5\",\"input\":\"First question\",\"store\":true}")
                .post("/v1/responses").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.equalTo("resp_up1"))
                .body("store", org.hamcrest.Matchers.equalTo(true));
        authorized().get("/v1/responses/resp_up1").then().statusCode(200)
                .body("output[1].content[0].text", org.hamcrest.Matchers.equalTo("Found it."))
                .body("store", org.hamcrest.Matchers.equalTo(true));

        authorized().body("{\"model\":\"responsive/gpt-5\",\"input\":\"Second question\","
                + "\"previous_response_id\":\"resp_up1\"}").post("/v1/responses").then().statusCode(200)
                .body("previous_response_id", org.hamcrest.Matchers.equalTo("resp_up1"))
                .body("store", org.hamcrest.Matchers.equalTo(false));

        var second = upstream.findAll(postRequestedFor(urlEqualTo("/v1/responses"))).get(1).getBodyAsString();
        assertThat(second).doesNotContain("previous_response_id").contains("First question")
                .contains("\"web_search_call\"").contains("Found it.").contains("Second question")
                .contains("\"store\":false");
    }

    @Test
    void storesARelayedStreamBeforeItsLastEvent() {
        upstream.stubFor(post(urlEqualTo("/v1/responses")).willReturn(sse(STREAM)));

        String events = authorized().body("{\"model\":\"responsive/gpt-5\",\"input\":\"hi\",\"stream\":true,"
                + "\"store\":true}").post("/v1/responses").then().statusCode(200).extract().asString();

        assertThat(events).contains("event: response.completed").contains("\"store\":true");
        authorized().get("/v1/responses/resp_up2").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("completed"))
                .body("output[0].content[0].text", org.hamcrest.Matchers.equalTo("Hello"));
    }

    private static ResponseDefinitionBuilder sse(String body) {
        return aResponse().withHeader("Content-Type", "text/event-stream").withBody(body);
    }

    private static io.restassured.specification.RequestSpecification authorized() {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + UpstreamMock.GATEWAY_KEY);
    }
}
