package dev.wormhole.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.RateLimitException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.github.tomakehurst.wiremock.WireMockServer;

import dev.wormhole.testing.AnthropicSdk;
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The official Anthropic Java SDK, unchanged and without retries, pointed at the gateway's Messages API: against
 * the simulator and, to prove the translation, against a WireMock OpenAI upstream. No CDI injection, so that
 * {@code MessagesApiIT} runs the same suite against the packaged application.
 */
@QuarkusTest
@QuarkusTestResource(UpstreamMock.class)
class MessagesApiTest {

    private static final String OPENAI_ANSWER = "{\"id\":\"chatcmpl-7\",\"object\":\"chat.completion\",\"created\":1700000000,"
            + "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":\"Bonjour\"},\"finish_reason\":\"length\"}],\"usage\":{\"prompt_tokens\":25,"
            + "\"completion_tokens\":3,\"total_tokens\":28,\"prompt_tokens_details\":{\"cached_tokens\":5}}}";

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

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void answersTextFromTheSimulator() {
        Message message = client.messages().create(MessageCreateParams.builder().model("sim-1").maxTokens(100)
                .addUserMessage("What is a gateway?").build());

        assertThat(message.id()).startsWith("msg_");
        assertThat(message.content()).singleElement().satisfies(block -> assertThat(block.asText().text())
                .startsWith("Simulated answer from sim-1 to \"What is a gateway?\""));
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().outputTokens()).isEqualTo(32);
        assertThat(message.usage().inputTokens()).isPositive();
    }

    @Test
    void streamsTextThatTheSdkAccumulates() {
        MessageAccumulator accumulator = MessageAccumulator.create();
        List<RawMessageStreamEvent> events;
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(MessageCreateParams
                .builder().model("simulator/sim-1").maxTokens(6).addUserMessage("Stream please").build())) {
            events = stream.stream().peek(accumulator::accumulate).toList();
        }

        assertThat(events.get(0).isMessageStart()).isTrue();
        assertThat(events.get(events.size() - 1).isMessageStop()).isTrue();
        Message message = accumulator.message();
        assertThat(message.content()).singleElement().satisfies(block -> assertThat(block.asText().text())
                .isEqualTo("Simulated answer from sim-1 to \"Stream"));
        assertThat(message.stopReason()).contains(StopReason.MAX_TOKENS);
        assertThat(message.usage().outputTokens()).isEqualTo(6);
    }

    @Test
    void completesAToolRoundTripWithTheSimulator() {
        Tool weather = Tool.builder().name("get_weather").description("Weather for a city")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city"))).build())
                .build();
        MessageCreateParams first = MessageCreateParams.builder().model("sim-1").maxTokens(200)
                .addUserMessage("Paris").addTool(weather).build();
        Message call = client.messages().create(first);

        assertThat(call.stopReason()).contains(StopReason.TOOL_USE);
        ToolUseBlock use = call.content().stream().filter(ContentBlock::isToolUse).map(ContentBlock::asToolUse)
                .findFirst().orElseThrow();
        assertThat(use.name()).isEqualTo("get_weather");
        assertThat(use._input().toString()).contains("Paris");

        Message answer = client.messages().create(first.toBuilder().addMessage(call)
                .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                        .toolUseId(use.id()).content("18 degrees and sunny").build())))
                .build());

        assertThat(answer.stopReason()).contains(StopReason.END_TURN);
        assertThat(answer.content().get(0).asText().text()).startsWith("The tool returned: 18 degrees and sunny.");
    }

    @Test
    void streamsAToolCallAsInputJsonDeltas() {
        Tool weather = Tool.builder().name("get_weather")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city"))).build())
                .build();
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(MessageCreateParams
                .builder().model("sim-1").maxTokens(200).addUserMessage("Lyon").addTool(weather).build())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        Message message = accumulator.message();
        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
        assertThat(message.content()).singleElement().satisfies(block -> {
            assertThat(block.asToolUse().name()).isEqualTo("get_weather");
            assertThat(block.asToolUse()._input().toString()).contains("Lyon");
        });
    }

    @Test
    void translatesToTheOpenAiUpstreamAndBack() {
        upstream.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(OPENAI_ANSWER)));

        Message message = client.messages().create(MessageCreateParams.builder().model("openai/gpt-4o-mini")
                .maxTokens(50).system("Be brief")
                .addUserMessage("Call the tool")
                .addAssistantMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolUse(
                        com.anthropic.models.messages.ToolUseBlockParam.builder().id("toolu_1").name("lookup")
                                .input(JsonValue.from(Map.of("q", "x"))).build())))
                .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(ToolResultBlockParam
                        .builder().toolUseId("toolu_1").content("found").build())))
                .build());

        assertThat(message.content()).singleElement().satisfies(b -> assertThat(b.asText().text()).isEqualTo("Bonjour"));
        assertThat(message.model().asString()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(message.stopReason()).contains(StopReason.MAX_TOKENS);
        assertThat(message.usage().inputTokens()).isEqualTo(20);
        assertThat(message.usage().cacheReadInputTokens()).contains(5L);
        assertThat(message.usage().outputTokens()).isEqualTo(3);
        upstream.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4o-mini")))
                .withRequestBody(matchingJsonPath("$.max_completion_tokens", equalTo("50")))
                .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("system")))
                .withRequestBody(matchingJsonPath("$.messages[0].content", equalTo("Be brief")))
                .withRequestBody(matchingJsonPath("$.messages[2].tool_calls[0].id", equalTo("toolu_1")))
                .withRequestBody(matchingJsonPath("$.messages[2].tool_calls[0].function.arguments",
                        equalTo("{\"q\":\"x\"}")))
                .withRequestBody(matchingJsonPath("$.messages[3].role", equalTo("tool")))
                .withRequestBody(matchingJsonPath("$.messages[3].tool_call_id", equalTo("toolu_1")))
                .withRequestBody(matchingJsonPath("$.messages[3].content", equalTo("found"))));
    }

    @Test
    void streamsAnOpenAiUpstreamAsAnthropicEvents() {
        String chunk = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"%s\"},"
                + "\"finish_reason\":null}]}\n\n";
        upstream.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse()
                .withHeader("Content-Type", "text/event-stream").withBody(String.format(chunk, "Bon") + String.format(chunk, "jour")
                        + "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                        + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
                        + "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                        + "\"model\":\"gpt-4o-mini\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2,"
                        + "\"total_tokens\":11}}\n\ndata: [DONE]\n\n")));

        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(MessageCreateParams
                .builder().model("openai/gpt-4o-mini").maxTokens(20).addUserMessage("Say hello").build())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        Message message = accumulator.message();
        assertThat(message.content()).singleElement().satisfies(b -> assertThat(b.asText().text()).isEqualTo("Bonjour"));
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().outputTokens()).isEqualTo(2);
        assertThat(message.usage().inputTokens()).isEqualTo(9);
        upstream.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.max_completion_tokens", equalTo("20"))));
    }

    @Test
    void answersAStreamThatFailsBeforeItsFirstEventWithAPlainError() {
        upstream.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "3").withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}")));

        assertThatThrownBy(() -> {
            try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(MessageCreateParams
                    .builder().model("openai/gpt-4o-mini").maxTokens(20).addUserMessage("hi").build())) {
                stream.stream().forEach(event -> { });
            }
        }).isInstanceOfSatisfying(RateLimitException.class, e -> assertThat(e.statusCode()).isEqualTo(429));
    }

    @Test
    void relaysThinkingBlocksAndTheExactBudgetToAnAnthropicUpstream() {
        upstream.stubFor(post(urlEqualTo("/v1/messages")).willReturn(aResponse().withHeader("Content-Type",
                "application/json").withBody("{\"id\":\"msg_up\",\"type\":\"message\",\"role\":\"assistant\","
                        + "\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[{\"type\":\"thinking\",\"thinking\":"
                        + "\"Hmm.\",\"signature\":\"sig-2\"},{\"type\":\"text\",\"text\":\"42\"}],\"stop_reason\":"
                        + "\"end_turn\",\"usage\":{\"input_tokens\":30,\"output_tokens\":9}}")));

        Message message = client.messages().create(MessageCreateParams.builder().model("claude/claude-sonnet-4-5")
                .maxTokens(8000).enabledThinking(2048).addUserMessage("Question?")
                .addAssistantMessageOfContentBlockParams(List.of(
                        ContentBlockParam.ofThinking(com.anthropic.models.messages.ThinkingBlockParam.builder()
                                .thinking("Earlier.").signature("sig-1").build()),
                        ContentBlockParam.ofText("Earlier answer.")))
                .addUserMessage("And now?").build());

        assertThat(message.id()).isEqualTo("msg_up");
        assertThat(message.content()).hasSize(2);
        assertThat(message.content().get(0).asThinking().thinking()).isEqualTo("Hmm.");
        assertThat(message.content().get(0).asThinking().signature()).isEqualTo("sig-2");
        assertThat(message.content().get(1).asText().text()).isEqualTo("42");
        upstream.verify(postRequestedFor(urlEqualTo("/v1/messages"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("claude-sonnet-4-5")))
                .withRequestBody(matchingJsonPath("$.thinking.type", equalTo("enabled")))
                .withRequestBody(matchingJsonPath("$.thinking.budget_tokens", equalTo("2048")))
                .withRequestBody(matchingJsonPath("$.messages[1].content[0].type", equalTo("thinking")))
                .withRequestBody(matchingJsonPath("$.messages[1].content[0].signature", equalTo("sig-1"))));
    }

    @Test
    void surfacesAnUpstream429AsTheSdksRateLimitException() {
        upstream.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "7").withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}")));

        assertThatThrownBy(() -> client.messages().create(MessageCreateParams.builder().model("openai/gpt-4o-mini")
                .maxTokens(10).addUserMessage("hi").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.headers().values("retry-after")).containsExactly("7");
                });
    }

    @Test
    void answersAnUpstream503AsA529OverloadedInAnthropicsEnvelope() {
        upstream.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"busy\",\"type\":\"server_error\"}}")));

        authorized().body("{\"model\":\"openai/gpt-4o-mini\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]}").post("/v1/messages").then().statusCode(529)
                .header("request-id", notNullValue())
                .body("type", org.hamcrest.Matchers.equalTo("error"))
                .body("error.type", org.hamcrest.Matchers.equalTo("overloaded_error"))
                .body("error.message", notNullValue());
    }

    static Stream<Arguments> badRequests() {
        String user = "[{\"role\":\"user\",\"content\":\"hi\"}]";
        return Stream.of(
                Arguments.of("{\"model\":\"openai/gpt-4o-mini\",\"messages\":" + user + "}", "max_tokens"),
                Arguments.of("{\"model\":\"openai/gpt-4o-mini\",\"max_tokens\":5,\"messages\":" + user
                        + ",\"frequency_penalty\":1}", "frequency_penalty"),
                Arguments.of("{\"model\":\"openai/gpt-4o-mini\",\"max_tokens\":5,\"messages\":[{\"role\":\"tool\","
                        + "\"content\":\"hi\"}]}", "messages[0].role"),
                Arguments.of("{\"model\":\"openai/gpt-4o-mini\",\"max_tokens\":5,\"temperature\":1.5,\"messages\":"
                        + user + "}", "temperature"),
                Arguments.of("{\"model\":\"openai/gpt-4o-mini\",\"max_tokens\":\"5\",\"messages\":" + user + "}",
                        "max_tokens"),
                Arguments.of("{\"model\":\"openai/gpt-4o-mini\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\","
                        + "\"content\":[{\"type\":\"video\"}]}]}", "messages[0].content[0].type"),
                Arguments.of("{\"model\":\"openai/gpt-4o-mini\",\"max_tokens\":5,\"thinking\":{\"type\":\"enabled\","
                        + "\"budget_tokens\":10},\"messages\":" + user + "}", "thinking.budget_tokens"));
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    void refusesBadInputInAnthropicsEnvelopeWithoutCallingTheUpstream(String body, String field) {
        authorized().body(body).post("/v1/messages").then().statusCode(400)
                .body("type", org.hamcrest.Matchers.equalTo("error"))
                .body("error.type", org.hamcrest.Matchers.equalTo("invalid_request_error"))
                .body("error.message", containsString(field));
        upstream.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void refusesAMissingGatewayKeyInAnthropicsEnvelope() {
        given().contentType(ContentType.JSON).header("anthropic-version", "2023-06-01")
                .body("{\"model\":\"sim-1\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/v1/messages").then().statusCode(401)
                .header("request-id", notNullValue())
                .body("type", org.hamcrest.Matchers.equalTo("error"))
                .body("error.type", org.hamcrest.Matchers.equalTo("authentication_error"));
    }

    @Test
    void acceptsAnthropicHeadersAndTheBetaQueryParameter() {
        authorized().header("anthropic-beta", "prompt-caching-2024-07-31").queryParam("beta", "true")
                .body("{\"model\":\"sim-1\",\"max_tokens\":5,\"system\":[{\"type\":\"text\",\"text\":\"Be brief\","
                        + "\"cache_control\":{\"type\":\"ephemeral\"}}],\"messages\":[{\"role\":\"user\",\"content\":"
                        + "[{\"type\":\"text\",\"text\":\"hi\",\"cache_control\":{\"type\":\"ephemeral\"}}]}]}")
                .post("/v1/messages").then().statusCode(200)
                .body("type", org.hamcrest.Matchers.equalTo("message"))
                .body("stop_reason", org.hamcrest.Matchers.equalTo("max_tokens"));
    }

    @Test
    void estimatesInputTokens() {
        long tokens = client.messages().countTokens(MessageCountTokensParams.builder().model("sim-1")
                .system("Be brief").addUserMessage("What is a gateway?").build()).inputTokens();

        // "Be brief" + "What is a gateway?" = 26 characters, at four per token rounded up.
        assertThat(tokens).isEqualTo(7);
    }

    private static io.restassured.specification.RequestSpecification authorized() {
        return given().contentType(ContentType.JSON).header("x-api-key", UpstreamMock.GATEWAY_KEY)
                .header("anthropic-version", "2023-06-01");
    }
}
