package dev.wormhole.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.wormhole.testing.Metrics.count;
import static dev.wormhole.testing.Metrics.scrape;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import java.net.URL;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.github.tomakehurst.wiremock.WireMockServer;

import dev.wormhole.testing.AnthropicSdk;
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Messages requests for a model served by an Anthropic provider go up untranslated and come back as Anthropic
 * sent them: what the core model cannot carry (cache markers, document blocks, server tools, exact thinking
 * budgets, unknown fields, beta headers) survives, replies and stream events reach the client byte for byte,
 * token counts are the upstream's own, and upstream faults stay faults. No CDI injection: MessagesRelayIT runs
 * the suite against the packaged application.
 */
@QuarkusTest
@QuarkusTestResource(UpstreamMock.class)
class MessagesRelayTest {

    /** A request the core model could not carry: every part of it must reach the Anthropic upstream as sent. */
    private static final String RICH_REQUEST = """
            {"model":"claude/claude-sonnet-4-5","max_tokens":2000,
             "system":[{"type":"text","text":"You read documents.","cache_control":{"type":"ephemeral"}}],
             "messages":[{"role":"user","content":[
               {"type":"document","source":{"type":"text","media_type":"text/plain","data":"The sky is green."},
                "title":"Facts","citations":{"enabled":true},"cache_control":{"type":"ephemeral","ttl":"1h"}},
               {"type":"text","text":"What colour is the sky?"}]}],
             "tools":[{"type":"web_search_20250305","name":"web_search","max_uses":2}],
             "thinking":{"type":"enabled","budget_tokens":1500},
             "context_management":{"edits":[{"type":"clear_thinking_20251015"}]},
             "future_field":{"kept":true}}""";

    /** A reply with what the gateway's own model has no slot for: citations, a stop sequence, cache counts. */
    private static final String RICH_REPLY = "{\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[{\"type\":\"text\",\"text\":\"Green.\","
            + "\"citations\":[{\"type\":\"char_location\",\"cited_text\":\"The sky is green.\",\"document_index\":0,"
            + "\"document_title\":\"Facts\",\"start_char_index\":0,\"end_char_index\":17}]}],\"stop_reason\":"
            + "\"stop_sequence\",\"stop_sequence\":\"END\",\"usage\":{\"input_tokens\":12,\"cache_creation_input_tokens\":"
            + "100,\"cache_read_input_tokens\":50,\"output_tokens\":4,\"server_tool_use\":{\"web_search_requests\":0}}}";

    private static final String STREAM = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_02","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":20,"cache_read_input_tokens":7,"output_tokens":1}}}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

            event: ping
            data: {"type":"ping"}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"lo"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":6}}

            event: message_stop
            data: {"type":"message_stop"}

            """;

    @TestHTTPResource("/")
    URL gateway;

    private AnthropicClient client;
    private WireMockServer upstream;

    @BeforeEach
    void connect() {
        client = AnthropicSdk.client(gateway);
        upstream = UpstreamMock.wireMock();
        upstream.resetAll();
    }

    @Test
    void relaysWhatTheCoreCannotCarryAndAnswersWithTheUpstreamsOwnBytes() {
        upstream.stubFor(post(urlEqualTo("/v1/messages")).willReturn(json(RICH_REPLY)));

        String answer = authorized().header("anthropic-beta", "context-management-2025-06-27")
                .body(RICH_REQUEST).post("/v1/messages").then().statusCode(200).extract().asString();

        assertThat(answer).isEqualTo(RICH_REPLY);
        upstream.verify(postRequestedFor(urlEqualTo("/v1/messages"))
                .withHeader("anthropic-beta", equalTo("context-management-2025-06-27"))
                .withHeader("x-api-key", equalTo(UpstreamMock.ANTHROPIC_KEY))
                .withRequestBody(equalToJson(RICH_REQUEST.replace("claude/claude-sonnet-4-5", "claude-sonnet-4-5"))));
    }

    @Test
    void countsARelayedReplyInTheMetricsWithTheUsageItCarried() {
        upstream.stubFor(post(urlEqualTo("/v1/messages")).willReturn(json(RICH_REPLY)));
        String[] labels = { "gen_ai_operation_name=\"chat\"", "gen_ai_provider_name=\"claude\"",
            "error_type=\"none\"" };
        String[] input = { labels[0], labels[1], labels[2], "gen_ai_token_type=\"input\"" };
        String before = scrape();

        authorized().body(RICH_REQUEST).post("/v1/messages").then().statusCode(200);

        await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                count(scrape(), "gen_ai_client_operation_duration_seconds_count", labels)
                        - count(before, "gen_ai_client_operation_duration_seconds_count", labels)).isEqualTo(1));
        assertThat(count(scrape(), "gen_ai_client_token_usage_tokens_sum", input)
                - count(before, "gen_ai_client_token_usage_tokens_sum", input))
                .as("fresh, cache-written and cache-read input").isEqualTo(12 + 100 + 50);
    }

    @Test
    void refusesAFieldTheCoreCannotCarryForAModelOfAnotherProviderByName() {
        authorized().body(RICH_REQUEST.replace("claude/claude-sonnet-4-5", "openai/gpt-4o-mini"))
                .post("/v1/messages").then().statusCode(400)
                .body("error.message", containsString("future_field"));
        assertThat(upstream.getAllServeEvents()).isEmpty();
    }

    @Test
    void refusesWhatTheCoreCannotCarryForAModelOfAnotherProvider() {
        authorized().body("{\"model\":\"openai/gpt-4o-mini\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\","
                + "\"content\":[{\"type\":\"document\",\"source\":{\"type\":\"text\",\"media_type\":\"text/plain\","
                + "\"data\":\"The sky is green.\"}}]}]}")
                .post("/v1/messages").then().statusCode(400)
                .body("type", org.hamcrest.Matchers.equalTo("error"))
                .body("error.type", org.hamcrest.Matchers.equalTo("invalid_request_error"))
                .body("error.message", containsString("messages[0].content[0]"));
        assertThat(upstream.getAllServeEvents()).isEmpty();
    }

    @Test
    void relaysAStreamEventForEventThroughTheSdk() {
        upstream.stubFor(post(urlEqualTo("/v1/messages")).willReturn(sse(STREAM)));

        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(MessageCreateParams
                .builder().model("claude/claude-sonnet-4-5").maxTokens(100).addUserMessage("hi").build())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Message message = accumulator.message();

        assertThat(message.id()).isEqualTo("msg_02");
        assertThat(message.content().get(0).asText().text()).isEqualTo("Hello");
        assertThat(message.usage().outputTokens()).isEqualTo(6);
        assertThat(message.usage().cacheReadInputTokens()).contains(7L);
        upstream.verify(postRequestedFor(urlEqualTo("/v1/messages"))
                .withRequestBody(equalToJson("{\"model\":\"claude-sonnet-4-5\",\"stream\":true}", true, true)));
    }

    @Test
    void passesEveryEventOnAsItCame() {
        upstream.stubFor(post(urlEqualTo("/v1/messages")).willReturn(sse(STREAM)));

        String events = authorized().body("{\"model\":\"claude/claude-sonnet-4-5\",\"max_tokens\":100,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").post("/v1/messages").then()
                .statusCode(200).contentType(containsString("text/event-stream")).extract().asString();

        assertThat(events).isEqualTo(STREAM);
    }

    @Test
    void endsAStreamCutBeforeMessageStopWithAnErrorEvent() {
        upstream.stubFor(post(urlEqualTo("/v1/messages")).willReturn(sse(STREAM.substring(0,
                STREAM.indexOf("event: message_delta")))));

        String events = authorized().body("{\"model\":\"claude/claude-sonnet-4-5\",\"max_tokens\":100,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").post("/v1/messages").then()
                .statusCode(200).extract().asString();

        assertThat(events).startsWith(STREAM.substring(0, STREAM.indexOf("event: message_delta")))
                .contains("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\"")
                .doesNotContain("message_stop");
    }

    @Test
    void passesAnInBandOverloadOnAsAnErrorEvent() {
        String cut = STREAM.substring(0, STREAM.indexOf("event: content_block_stop"));
        upstream.stubFor(post(urlEqualTo("/v1/messages")).willReturn(sse(cut + "event: error\ndata: {\"type\":"
                + "\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n")));

        String events = authorized().body("{\"model\":\"claude/claude-sonnet-4-5\",\"max_tokens\":100,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").post("/v1/messages").then()
                .statusCode(200).extract().asString();

        assertThat(events).startsWith(cut).contains("\"type\":\"overloaded_error\"").doesNotContain("message_stop");
    }

    @Test
    void surfacesAn529AsTheSdksOverloadedError() {
        upstream.stubFor(post(urlEqualTo("/v1/messages")).willReturn(aResponse().withStatus(529)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")));

        assertThatThrownBy(() -> client.messages().create(MessageCreateParams.builder()
                .model("claude/claude-sonnet-4-5").maxTokens(10).addUserMessage("hi").build()))
                .isInstanceOfSatisfying(AnthropicServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(529);
                    assertThat(e.getMessage()).contains("overloaded_error");
                });
    }

    @Test
    void failsOverFromTheAnthropicProviderToATranslatedOne() {
        upstream.stubFor(post(urlEqualTo("/v1/messages")).willReturn(aResponse().withStatus(529)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")));
        upstream.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(json("{\"id\":\"chatcmpl-1\","
                + "\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"gpt-4o-mini\",\"choices\":[{"
                + "\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"From GPT\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}")));

        Message message = client.messages().create(MessageCreateParams.builder().model("claude-or-gpt")
                .maxTokens(10).addUserMessage("hi").build());

        assertThat(message.content().get(0).asText().text()).isEqualTo("From GPT");
        upstream.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(equalToJson("{\"model\":\"gpt-4o-mini\"}", true, true)));
    }

    @Test
    void countsTokensWithTheAnthropicUpstream() {
        upstream.stubFor(post(urlEqualTo("/v1/messages/count_tokens")).willReturn(json("{\"input_tokens\":1234}")));

        long count = client.messages().countTokens(MessageCountTokensParams.builder()
                .model("claude/claude-sonnet-4-5").addUserMessage("How many tokens is this?").build()).inputTokens();

        assertThat(count).isEqualTo(1234);
        upstream.verify(postRequestedFor(urlEqualTo("/v1/messages/count_tokens"))
                .withRequestBody(equalToJson("{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"How many tokens is this?\"}]}")));
    }

    @Test
    void estimatesTokensWithoutAnUpstreamCallForAnotherProvider() {
        long count = client.messages().countTokens(MessageCountTokensParams.builder()
                .model("openai/gpt-4o-mini").addUserMessage("How many tokens is this?").build()).inputTokens();

        assertThat(count).isPositive();
        assertThat(upstream.getAllServeEvents()).isEmpty();
    }

    @Test
    void refusesAnUnknownFieldForAnAnthropicModelOnlyAsAnthropicDoes() {
        upstream.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(400).withHeader("Content-Type",
                "application/json").withBody("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                        + "\"message\":\"future_field: Extra inputs are not permitted\"}}")));

        authorized().body("{\"model\":\"claude/claude-sonnet-4-5\",\"max_tokens\":10,\"future_field\":1,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").post("/v1/messages").then()
                .statusCode(400).body("error.type", org.hamcrest.Matchers.equalTo("invalid_request_error"))
                .body("error.message", containsString("future_field"));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder sse(String body) {
        return aResponse().withHeader("Content-Type", "text/event-stream").withBody(body);
    }

    private static io.restassured.specification.RequestSpecification authorized() {
        return given().contentType(ContentType.JSON).header("x-api-key", UpstreamMock.GATEWAY_KEY)
                .header("anthropic-version", "2023-06-01");
    }
}
