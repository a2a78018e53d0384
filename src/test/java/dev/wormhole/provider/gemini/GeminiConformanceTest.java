package dev.wormhole.provider.gemini;

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

import java.util.List;
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
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;

import dev.wormhole.testing.Gateway;
import dev.wormhole.testing.SdkSuite;
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Gemini dialect's conformance suite: the official OpenAI Java SDK, unchanged, talks to the gateway,
 * which talks to a WireMock Gemini (provider {@code gem}).
 */
@QuarkusTest
@QuarkusTestResource(UpstreamMock.class)
class GeminiConformanceTest extends SdkSuite {

    private static final String GENERATE = "/v1beta/models/gemini-2.5-flash:generateContent";
    private static final String STREAM = "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse";
    private static final String ANSWER = "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":"
            + "\"%s\"}]},\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":12,"
            + "\"candidatesTokenCount\":4,\"totalTokenCount\":16},\"modelVersion\":\"gemini-2.5-flash\","
            + "\"responseId\":\"resp-9\"}";

    private static final FunctionDefinition WEATHER = FunctionDefinition.builder().name("get_weather")
            .description("Weather for a city")
            .parameters(FunctionParameters.builder()
                    .putAdditionalProperty("type", JsonValue.from("object"))
                    .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                    .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                    .build())
            .build();

    private static ResponseDefinitionBuilder sse(String... chunks) {
        StringBuilder body = new StringBuilder();
        for (String chunk : chunks) {
            body.append("data: ").append(chunk).append("\r\n\r\n");
        }
        return aResponse().withHeader("Content-Type", "text/event-stream").withBody(body.toString());
    }

    private static String text(String text, String finish) {
        return "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"" + text + "\"}]},"
                + (finish == null ? "" : "\"finishReason\":\"" + finish + "\",") + "\"index\":0}],"
                + "\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"resp-s\""
                + (finish == null ? "" : ",\"usageMetadata\":{\"promptTokenCount\":8,\"candidatesTokenCount\":5,"
                        + "\"thoughtsTokenCount\":2}")
                + "}";
    }

    @Test
    void chatsInGeminisWireFormatWithItsKey() {
        upstream.stubFor(post(urlEqualTo(GENERATE)).willReturn(json(String.format(ANSWER, "Hello from Gemini"))));

        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gem/gemini-2.5-flash").addSystemMessage("Be brief").addUserMessage("Hi").build());

        assertThat(completion.id()).isEqualTo("resp-9");
        assertThat(completion.choices().get(0).message().content()).contains("Hello from Gemini");
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.usage()).get().satisfies(u -> {
            assertThat(u.promptTokens()).isEqualTo(12);
            assertThat(u.completionTokens()).isEqualTo(4);
        });
        upstream.verify(postRequestedFor(urlEqualTo(GENERATE))
                .withHeader("x-goog-api-key", equalTo(UpstreamMock.GEMINI_KEY))
                .withRequestBody(matchingJsonPath("$.systemInstruction.parts[0].text", equalTo("Be brief")))
                .withRequestBody(matchingJsonPath("$.contents[0].role", equalTo("user")))
                .withRequestBody(matchingJsonPath("$.contents[0].parts[0].text", equalTo("Hi"))));
    }

    @Test
    void sendsTheKeyInTheQueryWhenConfiguredTo() {
        String path = GENERATE + "?key=" + UpstreamMock.GEMINI_KEY;
        upstream.stubFor(post(urlEqualTo(path)).willReturn(json(String.format(ANSWER, "Keyed by query"))));

        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gemq/gemini-2.5-flash").addUserMessage("Hi").build());

        assertThat(completion.choices().get(0).message().content()).contains("Keyed by query");
        upstream.verify(postRequestedFor(urlEqualTo(path)).withHeader("x-goog-api-key",
                com.github.tomakehurst.wiremock.client.WireMock.absent()));
    }

    @Test
    void streamsTextAndFinalUsage() {
        upstream.stubFor(post(urlEqualTo(STREAM)).willReturn(sse(text("Hello", null), text(" world", "STOP"))));
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("gem/gemini-2.5-flash")
                .addUserMessage("Stream please")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        Streamed streamed = stream(params);

        assertThat(streamed.text()).isEqualTo("Hello world");
        assertThat(streamed.chunks()).anySatisfy(c -> assertThat(c.choices()).anySatisfy(choice -> assertThat(
                choice.finishReason()).contains(ChatCompletionChunk.Choice.FinishReason.STOP)));
        ChatCompletionChunk last = streamed.last();
        assertThat(last.choices()).isEmpty();
        assertThat(last.usage()).get().satisfies(u -> {
            assertThat(u.promptTokens()).isEqualTo(8);
            assertThat(u.completionTokens()).isEqualTo(7);
            assertThat(u.completionTokensDetails().flatMap(d -> d.reasoningTokens())).contains(2L);
        });
    }

    @Test
    void roundTripsAToolCallAndReplaysItsThoughtSignature() {
        upstream.stubFor(post(urlEqualTo(STREAM)).willReturn(sse("{\"candidates\":[{\"content\":{\"role\":\"model\","
                + "\"parts\":[{\"functionCall\":{\"name\":\"get_weather\",\"args\":{\"city\":\"Paris\"}},"
                + "\"thoughtSignature\":\"U0lHLTE=\"}]},\"finishReason\":\"STOP\",\"index\":0}],"
                + "\"usageMetadata\":{\"promptTokenCount\":20,\"candidatesTokenCount\":6}}")));
        upstream.stubFor(post(urlEqualTo(GENERATE)).willReturn(json(String.format(ANSWER, "Sunny in Paris."))));

        ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder().model("gem/gemini-2.5-flash")
                .addUserMessage("Weather in Paris?").addFunctionTool(WEATHER);
        Streamed streamed = stream(params.build());
        assertThat(streamed.toolIds()).singleElement().asString().endsWith(GeminiMapper.SIGNATURE_SEPARATOR + "U0lHLTE");
        assertThat(streamed.arguments()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(streamed.finishes()).containsExactly(ChatCompletionChunk.Choice.FinishReason.TOOL_CALLS);

        ChatCompletion answer = client.chat().completions().create(params
                .addMessage(ChatCompletionAssistantMessageParam.builder()
                        .addToolCall(ChatCompletionMessageToolCall.ofFunction(ChatCompletionMessageFunctionToolCall
                                .builder().id(streamed.toolIds().get(0)).function(ChatCompletionMessageFunctionToolCall.Function
                                        .builder().name("get_weather").arguments(streamed.arguments()).build())
                                .build()))
                        .build())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(streamed.toolIds().get(0))
                        .content("{\"temperature\":24}").build())
                .build());

        assertThat(answer.choices().get(0).message().content()).contains("Sunny in Paris.");
        upstream.verify(postRequestedFor(urlEqualTo(GENERATE))
                .withRequestBody(matchingJsonPath("$.contents[1].role", equalTo("model")))
                .withRequestBody(matchingJsonPath("$.contents[1].parts[0].functionCall.args.city", equalTo("Paris")))
                .withRequestBody(matchingJsonPath("$.contents[1].parts[0].thoughtSignature", equalTo("U0lHLTE=")))
                .withRequestBody(matchingJsonPath("$.contents[2].parts[0].functionResponse.name", equalTo("get_weather")))
                .withRequestBody(matchingJsonPath("$.contents[2].parts[0].functionResponse.response.temperature",
                        equalTo("24"))));
    }

    @Test
    void asksForStructuredOutputWithTheTranslatedSchema() {
        upstream.stubFor(post(urlEqualTo(GENERATE)).willReturn(json(String.format(ANSWER,
                "{\\\"name\\\":\\\"Paris\\\"}"))));
        ResponseFormatJsonSchema format = ResponseFormatJsonSchema.builder().jsonSchema(ResponseFormatJsonSchema
                .JsonSchema.builder().name("city").strict(true).schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("name", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("name")))
                        .putAdditionalProperty("additionalProperties", JsonValue.from(false))
                        .build())
                .build()).build();

        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gem/gemini-2.5-flash").addUserMessage("Capital of France?").responseFormat(format).build());

        assertThat(completion.choices().get(0).message().content()).contains("{\"name\":\"Paris\"}");
        upstream.verify(postRequestedFor(urlEqualTo(GENERATE))
                .withRequestBody(matchingJsonPath("$.generationConfig.responseMimeType", equalTo("application/json")))
                .withRequestBody(matchingJsonPath("$.generationConfig.responseSchema.type", equalTo("OBJECT")))
                .withRequestBody(matchingJsonPath("$.generationConfig.responseSchema.properties.name.type",
                        equalTo("STRING"))));
    }

    @Test
    void embedsABatchInOrder() {
        upstream.stubFor(post(urlEqualTo("/v1beta/models/text-embedding-004:batchEmbedContents")).willReturn(json(
                "{\"embeddings\":[{\"values\":[0.5,-1.0]},{\"values\":[2.0,0.25]}]}")));

        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("gem/text-embedding-004").inputOfArrayOfStrings(List.of("one", "two")).build());

        assertThat(response.data()).hasSize(2);
        assertThat(response.data().get(0).embedding()).containsExactly(0.5f, -1.0f);
        assertThat(response.data().get(1).embedding()).containsExactly(2.0f, 0.25f);
        upstream.verify(postRequestedFor(urlEqualTo("/v1beta/models/text-embedding-004:batchEmbedContents"))
                .withRequestBody(matchingJsonPath("$.requests[1].model", equalTo("models/text-embedding-004")))
                .withRequestBody(matchingJsonPath("$.requests[1].content.parts[0].text", equalTo("two"))));
    }

    @Test
    void surfacesA429WithTheRetryDelayGoogleAskedFor() {
        upstream.stubFor(post(urlEqualTo(GENERATE)).willReturn(json("{\"error\":{\"code\":429,\"message\":"
                + "\"Resource has been exhausted (e.g. check quota).\",\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{"
                + "\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"37s\"}]}}").withStatus(429)));

        assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gem/gemini-2.5-flash").addUserMessage("hi").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.headers().values("Retry-After")).containsExactly("37");
                    assertThat(e.getMessage()).contains("Resource has been exhausted");
                });
    }

    @Test
    void failsAStreamThatEndsBeforeItsFinishReason() {
        upstream.stubFor(post(urlEqualTo(STREAM)).willReturn(sse(text("partial", null))));

        String body = Gateway.request().body(Gateway.chat("gem/gemini-2.5-flash", true)).post("/v1/chat/completions")
                .then().statusCode(200).extract().asString();

        assertThat(body).contains("\"content\":\"partial\"").contains("upstream_stream_truncated")
                .doesNotContain("[DONE]");
    }

    @Test
    void discoversModelsAcrossPages() {
        upstream.stubFor(get(urlEqualTo("/v1beta/models?pageSize=1000")).willReturn(json("{\"models\":[{\"name\":"
                + "\"models/gemini-2.5-flash\",\"displayName\":\"Gemini 2.5 Flash\",\"inputTokenLimit\":1048576,"
                + "\"outputTokenLimit\":65536,\"supportedGenerationMethods\":[\"generateContent\"]}],"
                + "\"nextPageToken\":\"p2\"}")));
        upstream.stubFor(get(urlEqualTo("/v1beta/models?pageSize=1000&pageToken=p2")).willReturn(json("{\"models\":[{"
                + "\"name\":\"models/text-embedding-004\",\"displayName\":\"Text Embedding 004\","
                + "\"supportedGenerationMethods\":[\"embedContent\"]}]}")));

        Gateway.request().post("/admin/models/refresh").then().statusCode(200)
                .body("find { it.provider == 'gem' }.ok", org.hamcrest.Matchers.equalTo(true))
                .body("find { it.provider == 'gem' }.models", org.hamcrest.Matchers.equalTo(2));

        Gateway.request().get("/v1/models/gem/gemini-2.5-flash").then().statusCode(200)
                .body("wormhole.display_name", org.hamcrest.Matchers.equalTo("Gemini 2.5 Flash"))
                .body("wormhole.context_window", org.hamcrest.Matchers.equalTo(1048576));
        Gateway.request().get("/v1/models/gem/text-embedding-004").then().statusCode(200)
                .body("wormhole.capabilities", org.hamcrest.Matchers.hasItem("embeddings"));
        upstream.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/v1beta/models"))
                .withHeader("x-goog-api-key", equalTo(UpstreamMock.GEMINI_KEY)));
    }
}
