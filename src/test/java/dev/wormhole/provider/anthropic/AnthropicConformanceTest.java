package dev.wormhole.provider.anthropic;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.openai.core.JsonValue;
import com.openai.errors.RateLimitException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;

import dev.wormhole.testing.Gateway;
import dev.wormhole.testing.SdkSuite;
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Anthropic dialect's conformance suite: the official OpenAI Java SDK, unchanged, talks to the gateway,
 * which talks to a WireMock Anthropic (provider {@code claude}).
 */
@QuarkusTest
@QuarkusTestResource(UpstreamMock.class)
class AnthropicConformanceTest extends SdkSuite {

    private static final String MESSAGE = "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[{\"type\":\"text\",\"text\":\"%s\"}],"
            + "\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":11,\"cache_read_input_tokens\":4,"
            + "\"output_tokens\":3}}";

    private static final FunctionDefinition WEATHER = FunctionDefinition.builder().name("get_weather")
            .description("Weather for a city")
            .parameters(FunctionParameters.builder()
                    .putAdditionalProperty("type", JsonValue.from("object"))
                    .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                    .build())
            .build();

    private static String event(String type, String data) {
        return "event: " + type + "\ndata: " + data + "\n\n";
    }

    private static final String START = event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_2\","
            + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[],"
            + "\"usage\":{\"input_tokens\":20,\"output_tokens\":1}}}");

    private static String textBlock(int index, String... pieces) {
        StringBuilder sse = new StringBuilder(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":"
                + index + ",\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        for (String piece : pieces) {
            sse.append(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":" + index
                    + ",\"delta\":{\"type\":\"text_delta\",\"text\":\"" + piece + "\"}}"));
        }
        return sse.append(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}"))
                .toString();
    }

    private static String end(String stopReason, int outputTokens) {
        return event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + stopReason
                + "\"},\"usage\":{\"output_tokens\":" + outputTokens + "}}")
                + event("message_stop", "{\"type\":\"message_stop\"}");
    }

    private static ResponseDefinitionBuilder sse(String body) {
        return aResponse().withHeader("Content-Type", "text/event-stream").withBody(body);
    }

    @Test
    void chatsInAnthropicsWireFormatWithItsKeyAndVersion() {
        upstream.stubFor(post(urlEqualTo("/v1/messages")).willReturn(json(String.format(MESSAGE, "Hello there"))));

        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("claude/claude-sonnet-4-5").addSystemMessage("Be brief").addUserMessage("Hi").build());

        assertThat(completion.choices().get(0).message().content()).contains("Hello there");
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.model()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(completion.usage()).get().satisfies(u -> {
            assertThat(u.promptTokens()).isEqualTo(15);
            assertThat(u.completionTokens()).isEqualTo(3);
            assertThat(u.totalTokens()).isEqualTo(18);
            assertThat(u.promptTokensDetails().flatMap(d -> d.cachedTokens())).contains(4L);
        });
        upstream.verify(postRequestedFor(urlEqualTo("/v1/messages"))
                .withHeader("x-api-key", equalTo(UpstreamMock.ANTHROPIC_KEY))
                .withHeader("anthropic-version", equalTo(AnthropicApi.VERSION))
                .withHeader("Authorization", absent())
                .withRequestBody(matchingJsonPath("$.model", equalTo("claude-sonnet-4-5")))
                .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("4096")))
                .withRequestBody(matchingJsonPath("$.system[0].text", equalTo("Be brief")))
                .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("user")))
                .withRequestBody(matchingJsonPath("$.messages[0].content[0].text", equalTo("Hi"))));
    }

    @Test
    void streamsTextAndFinalUsage() {
        upstream.stubFor(post(urlEqualTo("/v1/messages"))
                .willReturn(sse(START + event("ping", "{\"type\":\"ping\"}") + textBlock(0, "Hello", " world")
                        + end("max_tokens", 7))));
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("claude/claude-sonnet-4-5")
                .addUserMessage("Stream please").maxCompletionTokens(7)
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        Streamed streamed = stream(params);

        assertThat(streamed.text()).isEqualTo("Hello world");
        assertThat(streamed.chunks()).anySatisfy(c -> assertThat(c.choices()).anySatisfy(choice -> assertThat(
                choice.finishReason()).contains(ChatCompletionChunk.Choice.FinishReason.LENGTH)));
        ChatCompletionChunk last = streamed.last();
        assertThat(last.choices()).isEmpty();
        assertThat(last.usage()).get().satisfies(u -> {
            assertThat(u.promptTokens()).isEqualTo(20);
            assertThat(u.completionTokens()).isEqualTo(7);
        });
        upstream.verify(postRequestedFor(urlEqualTo("/v1/messages"))
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("7"))));
    }

    @Test
    void roundTripsAToolCallStreamedAsItArrives() {
        String toolUse = event("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":"
                + "{\"type\":\"tool_use\",\"id\":\"toolu_7\",\"name\":\"get_weather\",\"input\":{}}}")
                + event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":"
                        + "\"input_json_delta\",\"partial_json\":\"{\\\"city\\\": \"}}")
                + event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":"
                        + "\"input_json_delta\",\"partial_json\":\"\\\"Paris\\\"}\"}}")
                + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}");
        upstream.stubFor(post(urlEqualTo("/v1/messages")).atPriority(5)
                .willReturn(sse(START + textBlock(0, "Checking.") + toolUse + end("tool_use", 30))));
        upstream.stubFor(post(urlEqualTo("/v1/messages")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.messages[2].content[0].tool_use_id", equalTo("toolu_7")))
                .willReturn(json(String.format(MESSAGE, "It is sunny in Paris."))));

        ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder().model("claude/claude-sonnet-4-5")
                .addUserMessage("Weather in Paris?").addFunctionTool(WEATHER);
        Streamed streamed = stream(params.build());
        assertThat(streamed.toolIndexes()).containsOnly(0L);
        assertThat(streamed.toolIds()).containsExactly("toolu_7");
        assertThat(streamed.toolNames()).containsExactly("get_weather");
        assertThat(streamed.arguments()).isEqualTo("{\"city\": \"Paris\"}");
        assertThat(streamed.finishes()).containsExactly(ChatCompletionChunk.Choice.FinishReason.TOOL_CALLS);

        ChatCompletion answer = client.chat().completions().create(params
                .addMessage(ChatCompletionAssistantMessageParam.builder().content("Checking.")
                        .addToolCall(ChatCompletionMessageToolCall.ofFunction(ChatCompletionMessageFunctionToolCall
                                .builder().id("toolu_7").function(ChatCompletionMessageFunctionToolCall.Function
                                        .builder().name("get_weather").arguments(streamed.arguments()).build())
                                .build()))
                        .build())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId("toolu_7").content("sunny, 24C").build())
                .build());

        assertThat(answer.choices().get(0).message().content()).contains("It is sunny in Paris.");
        upstream.verify(postRequestedFor(urlEqualTo("/v1/messages"))
                .withRequestBody(matchingJsonPath("$.messages[1].content[1].type", equalTo("tool_use")))
                .withRequestBody(matchingJsonPath("$.messages[1].content[1].input.city", equalTo("Paris")))
                .withRequestBody(matchingJsonPath("$.messages[2].content[0].content", equalTo("sunny, 24C"))));
    }

    @Test
    void answersStructuredOutputThroughAForcedTool() {
        upstream.stubFor(post(urlEqualTo("/v1/messages")).willReturn(json("{\"id\":\"msg_4\",\"type\":\"message\","
                + "\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_4\",\"name\":"
                + "\"json_response\",\"input\":{\"name\":\"Paris\",\"population\":2100000}}],\"stop_reason\":\"tool_use\","
                + "\"usage\":{\"input_tokens\":30,\"output_tokens\":12}}")));
        ResponseFormatJsonSchema format = ResponseFormatJsonSchema.builder().jsonSchema(ResponseFormatJsonSchema
                .JsonSchema.builder().name("city").schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("name", Map.of("type", "string"),
                                "population", Map.of("type", "integer"))))
                        .build())
                .build()).build();

        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("claude/claude-sonnet-4-5").addUserMessage("Largest city of France?").responseFormat(format)
                .build());

        assertThat(completion.choices().get(0).message().content()).contains("{\"name\":\"Paris\",\"population\":2100000}");
        assertThat(completion.choices().get(0).message().toolCalls()).isEmpty();
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        upstream.verify(postRequestedFor(urlEqualTo("/v1/messages"))
                .withRequestBody(matchingJsonPath("$.tool_choice.name", equalTo("json_response")))
                .withRequestBody(matchingJsonPath("$.tools[0].input_schema.properties.population.type",
                        equalTo("integer"))));
    }

    @Test
    void streamsThinkingAndReplaysItsSignatureOnTheToolTurn() {
        String thinking = event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}")
                + event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":"
                        + "\"thinking_delta\",\"thinking\":\"Need the weather tool.\"}}")
                + event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":"
                        + "\"signature_delta\",\"signature\":\"sig-xyz\"}}")
                + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
                + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":"
                        + "{\"type\":\"tool_use\",\"id\":\"toolu_8\",\"name\":\"get_weather\",\"input\":{}}}")
                + event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":"
                        + "\"input_json_delta\",\"partial_json\":\"{}\"}}")
                + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}");
        upstream.stubFor(post(urlEqualTo("/v1/messages")).willReturn(sse(START + thinking + end("tool_use", 50))));
        String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}]";

        String streamed = Gateway.request().body("{\"model\":\"claude/claude-sonnet-4-5\",\"stream\":true,"
                + "\"reasoning_effort\":\"low\"," + tools + ",\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"}]}")
                .post("/v1/chat/completions").then().statusCode(200).extract().asString();

        assertThat(streamed).contains("\"reasoning_content\":\"Need the weather tool.\"")
                .contains("\"thinking_blocks\":[{\"type\":\"thinking\",\"signature\":\"sig-xyz\"}]")
                .contains("\"id\":\"toolu_8\"").endsWith("data: [DONE]\n\n");
        upstream.verify(postRequestedFor(urlEqualTo("/v1/messages"))
                .withRequestBody(matchingJsonPath("$.thinking.budget_tokens", equalTo("1024")))
                .withRequestBody(matchingJsonPath("$.max_tokens", equalTo(String.valueOf(4096 + 1024)))));

        upstream.stubFor(post(urlEqualTo("/v1/messages")).willReturn(json(String.format(MESSAGE, "Sunny."))));
        Gateway.request().body("{\"model\":\"claude/claude-sonnet-4-5\",\"reasoning_effort\":\"low\"," + tools
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"},{\"role\":\"assistant\",\"content\":null,"
                + "\"thinking_blocks\":[{\"type\":\"thinking\",\"thinking\":\"Need the weather tool.\",\"signature\":"
                + "\"sig-xyz\"}],\"tool_calls\":[{\"id\":\"toolu_8\",\"type\":\"function\",\"function\":{\"name\":"
                + "\"get_weather\",\"arguments\":\"{}\"}}]},{\"role\":\"tool\",\"tool_call_id\":\"toolu_8\","
                + "\"content\":\"sunny\"}]}").post("/v1/chat/completions").then().statusCode(200)
                .body("choices[0].message.content", org.hamcrest.Matchers.equalTo("Sunny."));
        upstream.verify(postRequestedFor(urlEqualTo("/v1/messages"))
                .withRequestBody(matchingJsonPath("$.messages[1].content[0].type", equalTo("thinking")))
                .withRequestBody(matchingJsonPath("$.messages[1].content[0].signature", equalTo("sig-xyz")))
                .withRequestBody(matchingJsonPath("$.messages[1].content[1].type", equalTo("tool_use"))));
    }

    @Test
    void showsThinkingBesideTheAnswer() {
        upstream.stubFor(post(urlEqualTo("/v1/messages")).willReturn(json("{\"id\":\"msg_5\",\"type\":\"message\","
                + "\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"Two plus two.\","
                + "\"signature\":\"sig-5\"},{\"type\":\"text\",\"text\":\"4\"}],\"stop_reason\":\"end_turn\","
                + "\"usage\":{\"input_tokens\":10,\"output_tokens\":20}}")));

        Gateway.request().body("{\"model\":\"claude/claude-sonnet-4-5\",\"reasoning_effort\":\"medium\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"2+2?\"}]}").post("/v1/chat/completions").then()
                .statusCode(200)
                .body("choices[0].message.content", org.hamcrest.Matchers.equalTo("4"))
                .body("choices[0].message.reasoning_content", org.hamcrest.Matchers.equalTo("Two plus two."))
                .body("choices[0].message.thinking_blocks[0].signature", org.hamcrest.Matchers.equalTo("sig-5"));
    }

    @Test
    void surfacesA429WithItsRetryAfter() {
        upstream.stubFor(post(urlEqualTo("/v1/messages")).willReturn(json("{\"type\":\"error\",\"error\":{\"type\":"
                + "\"rate_limit_error\",\"message\":\"Number of request tokens has exceeded your rate limit\"}}")
                .withStatus(429).withHeader("retry-after", "9")));

        assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("claude/claude-sonnet-4-5").addUserMessage("hi").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.headers().values("Retry-After")).containsExactly("9");
                    assertThat(e.getMessage()).contains("exceeded your rate limit");
                });
    }

    @Test
    void reportsOverloadBeforeTheFirstChunkAsA503() {
        upstream.stubFor(post(urlEqualTo("/v1/messages")).willReturn(json("{\"type\":\"error\",\"error\":{\"type\":"
                + "\"overloaded_error\",\"message\":\"Overloaded\"}}").withStatus(529)));

        Gateway.request().body(Gateway.chat("claude/claude-sonnet-4-5", true)).post("/v1/chat/completions").then()
                .statusCode(503).body("error.code", org.hamcrest.Matchers.equalTo("upstream_unavailable"));
    }

    @Test
    void reportsAnOverloadRightAfterTheStartAsA503SoItCanFailOver() {
        upstream.stubFor(post(urlEqualTo("/v1/messages")).willReturn(sse(START + event("ping", "{\"type\":\"ping\"}")
                + event("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"))));

        Gateway.request().body(Gateway.chat("claude/claude-sonnet-4-5", true)).post("/v1/chat/completions").then()
                .statusCode(503).body("error.code", org.hamcrest.Matchers.equalTo("upstream_unavailable"));
    }

    @Test
    void turnsATruncatedStreamAndAnInBandErrorIntoErrorEventsWithoutDone() {
        upstream.stubFor(post(urlEqualTo("/v1/messages")).willReturn(sse(START + textBlock(0, "partial"))));
        String cut = Gateway.request().body(Gateway.chat("claude/claude-sonnet-4-5", true)).post("/v1/chat/completions")
                .then().statusCode(200).extract().asString();
        assertThat(cut).contains("\"content\":\"partial\"").contains("upstream_stream_truncated").doesNotContain("[DONE]");

        upstream.stubFor(post(urlEqualTo("/v1/messages")).willReturn(sse(START + textBlock(0, "partial")
                + event("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"))));
        String failed = Gateway.request().body(Gateway.chat("claude/claude-sonnet-4-5", true)).post("/v1/chat/completions")
                .then().statusCode(200).extract().asString();
        assertThat(failed).contains("\"content\":\"partial\"").contains("upstream_unavailable").doesNotContain("[DONE]");
    }

    @Test
    void refusesWhatAnthropicCannotHonourBeforeAnyUpstreamCall() {
        Gateway.request().body("{\"model\":\"claude/claude-sonnet-4-5\",\"frequency_penalty\":0.5,\"messages\":[{\"role\":"
                + "\"user\",\"content\":\"hi\"}]}").post("/v1/chat/completions").then().statusCode(400)
                .body("error.param", org.hamcrest.Matchers.equalTo("frequency_penalty"));
        Gateway.request().body("{\"model\":\"claude/claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"hi\"},{\"role\":\"tool\",\"tool_call_id\":\"nope\",\"content\":\"x\"}]}").post("/v1/chat/completions")
                .then().statusCode(400).body("error.param", org.hamcrest.Matchers.equalTo("messages[1]"));
        Gateway.request().body("{\"model\":\"claude/claude-sonnet-4-5\",\"input\":\"x\"}").post("/v1/embeddings").then()
                .statusCode(400);
        upstream.verify(0, postRequestedFor(urlPathEqualTo("/v1/messages")));
    }

    @Test
    void discoversModelsFromAnthropicsModelList() {
        upstream.stubFor(get(urlPathEqualTo("/v1/models")).withHeader("anthropic-version", equalTo(AnthropicApi.VERSION))
                .atPriority(1).willReturn(json("{\"data\":[{\"type\":\"model\",\"id\":\"claude-sonnet-4-5-20250929\","
                        + "\"display_name\":\"Claude Sonnet 4.5\",\"created_at\":\"2025-09-29T00:00:00Z\"}],"
                        + "\"has_more\":false,\"first_id\":\"claude-sonnet-4-5-20250929\","
                        + "\"last_id\":\"claude-sonnet-4-5-20250929\"}")));

        Gateway.request().post("/admin/models/refresh").then().statusCode(200)
                .body("find { it.provider == 'claude' }.ok", org.hamcrest.Matchers.equalTo(true));

        Gateway.request().get("/v1/models/claude/claude-sonnet-4-5-20250929").then().statusCode(200)
                .body("wormhole.display_name", org.hamcrest.Matchers.equalTo("Claude Sonnet 4.5"))
                .body("created", org.hamcrest.Matchers.equalTo(1759104000))
                .body("wormhole.source", org.hamcrest.Matchers.equalTo("live"));
    }
}
