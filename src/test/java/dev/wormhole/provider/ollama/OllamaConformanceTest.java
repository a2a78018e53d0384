package dev.wormhole.provider.ollama;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.openai.core.JsonValue;
import com.openai.errors.NotFoundException;
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
 * The Ollama native dialect's conformance suite: the official OpenAI Java SDK, unchanged, talks to the
 * gateway, which talks to a WireMock Ollama (provider {@code llama}).
 */
@QuarkusTest
@QuarkusTestResource(UpstreamMock.class)
class OllamaConformanceTest extends SdkSuite {

    private static final FunctionDefinition WEATHER = FunctionDefinition.builder().name("get_weather")
            .parameters(FunctionParameters.builder()
                    .putAdditionalProperty("type", JsonValue.from("object"))
                    .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                    .build())
            .build();

    private static ResponseDefinitionBuilder ndjson(String... lines) {
        return aResponse().withHeader("Content-Type", "application/x-ndjson").withBody(String.join("\n", lines) + "\n");
    }

    private static String line(String content, boolean done) {
        return "{\"model\":\"llama3.2\",\"created_at\":\"2025-06-01T10:00:00Z\",\"message\":{\"role\":\"assistant\","
                + "\"content\":\"" + content + "\"},\"done\":" + done
                + (done ? ",\"done_reason\":\"stop\",\"prompt_eval_count\":9,\"eval_count\":4" : "") + "}";
    }

    @Test
    void chatsThroughTheNativeApi() {
        upstream.stubFor(post(urlEqualTo("/api/chat")).willReturn(json(line("Hello from Ollama", true))));

        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("llama/llama3.2").addSystemMessage("Be brief").addUserMessage("Hi").maxCompletionTokens(50)
                .build());

        assertThat(completion.choices().get(0).message().content()).contains("Hello from Ollama");
        assertThat(completion.usage()).get().satisfies(u -> assertThat(u.totalTokens()).isEqualTo(13));
        upstream.verify(postRequestedFor(urlEqualTo("/api/chat"))
                .withRequestBody(matchingJsonPath("$.stream", equalTo("false")))
                .withRequestBody(matchingJsonPath("$.model", equalTo("llama3.2")))
                .withRequestBody(matchingJsonPath("$.options.num_predict", equalTo("50")))
                .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("system"))));
    }

    @Test
    void streamsNdjsonWithFinalUsage() {
        upstream.stubFor(post(urlEqualTo("/api/chat")).willReturn(ndjson(line("Hello", false), line(" world", false),
                line("", true))));
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("llama/llama3.2")
                .addUserMessage("Stream please")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        Streamed streamed = stream(params);

        assertThat(streamed.text()).isEqualTo("Hello world");
        ChatCompletionChunk last = streamed.last();
        assertThat(last.usage()).get().satisfies(u -> {
            assertThat(u.promptTokens()).isEqualTo(9);
            assertThat(u.completionTokens()).isEqualTo(4);
        });
    }

    @Test
    void roundTripsAToolCallNamingTheFunctionInTheResult() {
        upstream.stubFor(post(urlEqualTo("/api/chat")).atPriority(5).willReturn(ndjson(
                "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"function\":"
                        + "{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Paris\"}}}]},\"done\":false}",
                line("", true))));
        upstream.stubFor(post(urlEqualTo("/api/chat")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.messages[2].tool_name", equalTo("get_weather")))
                .willReturn(json(line("Sunny.", true))));

        ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder().model("llama/llama3.2")
                .addUserMessage("Weather in Paris?").addFunctionTool(WEATHER);
        Streamed streamed = stream(params.build());
        assertThat(streamed.toolIds()).singleElement().asString().startsWith("call_");
        assertThat(streamed.finishes()).containsExactly(ChatCompletionChunk.Choice.FinishReason.TOOL_CALLS);

        ChatCompletion answer = client.chat().completions().create(params
                .addMessage(ChatCompletionAssistantMessageParam.builder()
                        .addToolCall(ChatCompletionMessageToolCall.ofFunction(ChatCompletionMessageFunctionToolCall
                                .builder().id(streamed.toolIds().get(0)).function(ChatCompletionMessageFunctionToolCall.Function
                                        .builder().name("get_weather").arguments(streamed.arguments()).build())
                                .build()))
                        .build())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(streamed.toolIds().get(0)).content("sunny").build())
                .build());

        assertThat(answer.choices().get(0).message().content()).contains("Sunny.");
        upstream.verify(postRequestedFor(urlEqualTo("/api/chat"))
                .withRequestBody(matchingJsonPath("$.messages[1].tool_calls[0].function.arguments.city", equalTo("Paris")))
                .withRequestBody(matchingJsonPath("$.messages[2].role", equalTo("tool")))
                .withRequestBody(matchingJsonPath("$.messages[2].content", equalTo("sunny"))));
    }

    @Test
    void passesOnOnlyTheFirstOfSeveralCallsWhenParallelCallsAreOff() {
        String twoCalls = "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":["
                + "{\"function\":{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Paris\"}}},"
                + "{\"function\":{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Rome\"}}}]},\"done\":false}";
        upstream.stubFor(post(urlEqualTo("/api/chat")).withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .willReturn(ndjson(twoCalls, line("", true))));
        upstream.stubFor(post(urlEqualTo("/api/chat")).withRequestBody(matchingJsonPath("$.stream", equalTo("false")))
                .willReturn(json(twoCalls.replace("\"done\":false", "\"done\":true,\"done_reason\":\"stop\""))));
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("llama/llama3.2")
                .addUserMessage("Weather in Paris and Rome?").addFunctionTool(WEATHER).parallelToolCalls(false).build();

        Streamed streamed = stream(params);
        ChatCompletion completion = client.chat().completions().create(params);

        assertThat(streamed.toolNames()).containsExactly("get_weather");
        assertThat(streamed.arguments()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(completion.choices().get(0).message().toolCalls()).get().asList().hasSize(1);
        assertThat(client.chat().completions().create(params.toBuilder().parallelToolCalls(true).build())
                .choices().get(0).message().toolCalls()).get().asList().hasSize(2);
    }

    @Test
    void sendsTheSchemaAsFormatForStructuredOutput() {
        upstream.stubFor(post(urlEqualTo("/api/chat")).willReturn(json(line("{\\\"name\\\":\\\"Paris\\\"}", true))));
        ResponseFormatJsonSchema format = ResponseFormatJsonSchema.builder().jsonSchema(ResponseFormatJsonSchema
                .JsonSchema.builder().name("city").schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("name", Map.of("type", "string"))))
                        .build())
                .build()).build();

        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("llama/llama3.2").addUserMessage("Capital of France?").responseFormat(format).build());

        assertThat(completion.choices().get(0).message().content()).contains("{\"name\":\"Paris\"}");
        upstream.verify(postRequestedFor(urlEqualTo("/api/chat"))
                .withRequestBody(matchingJsonPath("$.format.properties.name.type", equalTo("string"))));
    }

    @Test
    void embedsABatch() {
        upstream.stubFor(post(urlEqualTo("/api/embed")).willReturn(json("{\"model\":\"nomic-embed-text\","
                + "\"embeddings\":[[0.5,-1.0],[2.0,0.25]],\"prompt_eval_count\":4}")));

        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("llama/nomic-embed-text").inputOfArrayOfStrings(List.of("one", "two")).build());

        assertThat(response.data()).hasSize(2);
        assertThat(response.data().get(1).embedding()).containsExactly(2.0f, 0.25f);
        assertThat(response.usage().promptTokens()).isEqualTo(4);
        upstream.verify(postRequestedFor(urlEqualTo("/api/embed"))
                .withRequestBody(matchingJsonPath("$.input[1]", equalTo("two"))));
    }

    @Test
    void surfacesAMissingModelAndA429() {
        upstream.stubFor(post(urlEqualTo("/api/chat")).willReturn(json("{\"error\":\"model 'llama9' not found, try "
                + "pulling it first\"}").withStatus(404)));
        assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("llama/llama9").addUserMessage("hi").build()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.getMessage()).contains("llama9"));

        upstream.stubFor(post(urlEqualTo("/api/chat")).willReturn(json("{\"error\":\"too many requests\"}")
                .withStatus(429).withHeader("Retry-After", "3")));
        assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("llama/llama3.2").addUserMessage("hi").build()))
                .isInstanceOfSatisfying(RateLimitException.class,
                        e -> assertThat(e.headers().values("Retry-After")).containsExactly("3"));
    }

    @Test
    void failsNdjsonThatEndsBeforeDone() {
        upstream.stubFor(post(urlEqualTo("/api/chat")).willReturn(ndjson(line("partial", false))));

        String body = Gateway.request().body(Gateway.chat("llama/llama3.2", true)).post("/v1/chat/completions").then()
                .statusCode(200).extract().asString();

        assertThat(body).contains("\"content\":\"partial\"").contains("upstream_stream_truncated")
                .doesNotContain("[DONE]");
    }

    @Test
    void discoversTheLocalModels() {
        upstream.stubFor(get(urlEqualTo("/api/tags")).willReturn(json("{\"models\":[{\"name\":\"llama3.2:latest\","
                + "\"modified_at\":\"2025-05-01T12:00:00Z\",\"details\":{\"family\":\"llama\",\"parameter_size\":\"3.2B\","
                + "\"quantization_level\":\"Q4_K_M\"}}]}")));

        Gateway.request().post("/admin/models/refresh").then().statusCode(200)
                .body("find { it.provider == 'llama' }.ok", org.hamcrest.Matchers.equalTo(true));

        Gateway.request().get("/v1/models/llama/llama3.2:latest").then().statusCode(200)
                .body("wormhole.display_name", org.hamcrest.Matchers.equalTo("llama 3.2B Q4_K_M"));
    }
}
