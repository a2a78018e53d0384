package dev.wormhole.provider.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.openai.core.JsonValue;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;

import dev.wormhole.core.ChatMessage;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.ContentPart;
import dev.wormhole.core.ResponseFormat;
import dev.wormhole.core.Role;
import dev.wormhole.core.ToolCall;
import dev.wormhole.core.ToolChoice;
import dev.wormhole.core.ToolDefinition;
import dev.wormhole.testing.Gateway;
import dev.wormhole.testing.SdkSuite;
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An OpenAI provider configured with {@code wire-api=responses} (provider {@code responsive}): Chat
 * Completions clients, unchanged, are served through the upstream's Responses API.
 */
@QuarkusTest
@QuarkusTestResource(UpstreamMock.class)
class ResponsesApiTest extends SdkSuite {

    final ObjectMapper json = new ObjectMapper();

    private static String event(String type, String data) {
        return "event: " + type + "\ndata: " + data + "\n\n";
    }

    private static ResponseDefinitionBuilder sse(String body) {
        return aResponse().withHeader("Content-Type", "text/event-stream").withBody(body);
    }

    private static final String CREATED = event("response.created", "{\"type\":\"response.created\",\"response\":{"
            + "\"id\":\"resp_1\",\"model\":\"gpt-4.1-2025-04-14\",\"status\":\"in_progress\",\"output\":[]}}");

    private static String completed(String status, String extra) {
        return event("response." + status, "{\"type\":\"response." + status + "\",\"response\":{\"id\":\"resp_1\","
                + "\"model\":\"gpt-4.1-2025-04-14\",\"status\":\"" + status + "\"" + extra + ",\"usage\":{"
                + "\"input_tokens\":30,\"input_tokens_details\":{\"cached_tokens\":10},\"output_tokens\":8,"
                + "\"output_tokens_details\":{\"reasoning_tokens\":3},\"total_tokens\":38}}}");
    }

    @Test
    void writesTheGoldenResponsesRequest() throws IOException {
        ChatRequest request = new ChatRequest("gpt-4.1",
                List.of(ChatMessage.text(Role.DEVELOPER, "Be brief"),
                        new ChatMessage(Role.USER, List.of(new ContentPart.Text("What is in this picture?"),
                                new ContentPart.Image("https://example.com/cat.png", "low")), null, List.of(), null),
                        new ChatMessage(Role.ASSISTANT, List.of(new ContentPart.Text("Let me look.")), null,
                                List.of(new ToolCall("call_1", "lookup", "{\"q\":\"cat\"}")), null),
                        new ChatMessage(Role.TOOL, List.of(new ContentPart.Text("a cat")), null, List.of(), "call_1")),
                0.5, null, 300, null, null, null, null, null,
                List.of(new ToolDefinition("lookup", "Search",
                        Map.of("type", "object", "properties", Map.of("q", Map.of("type", "string"))), true)),
                ToolChoice.named("lookup"), false,
                new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "answer", Map.of("type", "object"), true),
                "low", "user-7", Map.of("metadata", Map.of("team", "search")));

        JsonNode written = json.readTree(json.writeValueAsString(ResponsesMapper.toWire(request, true)));

        try (InputStream in = getClass().getResourceAsStream("/fixtures/openai/responses-request.json")) {
            assertThat(written).isEqualTo(json.readTree(in));
        }
    }

    @Test
    void answersAChatCompletionThroughTheResponsesApi() {
        upstream.stubFor(post(urlEqualTo("/v1/responses")).willReturn(aResponse().withHeader("Content-Type",
                "application/json").withBody("{\"id\":\"resp_2\",\"object\":\"response\",\"created_at\":1741476542,"
                        + "\"model\":\"gpt-4.1-2025-04-14\",\"status\":\"completed\",\"output\":[{\"type\":\"reasoning\","
                        + "\"id\":\"rs_1\",\"summary\":[]},{\"type\":\"message\",\"id\":\"msg_1\",\"role\":\"assistant\","
                        + "\"content\":[{\"type\":\"output_text\",\"text\":\"Hello via Responses\",\"annotations\":[]}]}],"
                        + "\"usage\":{\"input_tokens\":12,\"output_tokens\":4,\"total_tokens\":16}}")));

        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("responsive/gpt-4.1").addSystemMessage("Be brief").addUserMessage("Hi").maxCompletionTokens(64)
                .build());

        assertThat(completion.id()).isEqualTo("resp_2");
        assertThat(completion.created()).isEqualTo(1741476542L);
        assertThat(completion.choices().get(0).message().content()).contains("Hello via Responses");
        assertThat(completion.usage()).get().satisfies(u -> assertThat(u.totalTokens()).isEqualTo(16));
        upstream.verify(postRequestedFor(urlEqualTo("/v1/responses"))
                .withHeader("Authorization", equalTo("Bearer " + UpstreamMock.UPSTREAM_KEY))
                .withRequestBody(matchingJsonPath("$.input[0].role", equalTo("system")))
                .withRequestBody(matchingJsonPath("$.max_output_tokens", equalTo("64")))
                .withRequestBody(matchingJsonPath("$.store", equalTo("false"))));
    }

    @Test
    void streamsTextAndToolCallArgumentsAsTheyArrive() {
        upstream.stubFor(post(urlEqualTo("/v1/responses")).willReturn(sse(CREATED
                + event("response.output_text.delta", "{\"type\":\"response.output_text.delta\",\"output_index\":0,"
                        + "\"delta\":\"Checking\"}")
                + event("response.output_item.added", "{\"type\":\"response.output_item.added\",\"output_index\":1,"
                        + "\"item\":{\"type\":\"function_call\",\"id\":\"fc_1\",\"call_id\":\"call_9\",\"name\":"
                        + "\"get_weather\",\"arguments\":\"\"}}")
                + event("response.function_call_arguments.delta", "{\"type\":\"response.function_call_arguments.delta\","
                        + "\"output_index\":1,\"delta\":\"{\\\"city\\\":\"}")
                + event("response.function_call_arguments.delta", "{\"type\":\"response.function_call_arguments.delta\","
                        + "\"output_index\":1,\"delta\":\"\\\"Paris\\\"}\"}")
                + completed("completed", ""))));
        FunctionDefinition weather = FunctionDefinition.builder().name("get_weather")
                .parameters(FunctionParameters.builder().putAdditionalProperty("type", JsonValue.from("object")).build())
                .build();
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("responsive/gpt-4.1")
                .addUserMessage("Weather?").addFunctionTool(weather)
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        Streamed streamed = stream(params);

        assertThat(streamed.text()).isEqualTo("Checking");
        assertThat(streamed.toolIds()).containsExactly("call_9");
        assertThat(streamed.arguments()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(streamed.chunks()).anySatisfy(c -> assertThat(c.choices()).anySatisfy(choice -> assertThat(
                choice.finishReason()).contains(ChatCompletionChunk.Choice.FinishReason.TOOL_CALLS)));
        assertThat(streamed.last().usage()).get().satisfies(u -> {
            assertThat(u.promptTokens()).isEqualTo(30);
            assertThat(u.promptTokensDetails().flatMap(d -> d.cachedTokens())).contains(10L);
            assertThat(u.completionTokensDetails().flatMap(d -> d.reasoningTokens())).contains(3L);
        });
    }

    @Test
    void mapsStructuredOutputAndAnIncompleteAnswer() {
        upstream.stubFor(post(urlEqualTo("/v1/responses")).willReturn(sse(CREATED
                + event("response.output_text.delta", "{\"type\":\"response.output_text.delta\",\"output_index\":0,"
                        + "\"delta\":\"{\\\"name\\\":\"}")
                + completed("incomplete", ",\"incomplete_details\":{\"reason\":\"max_output_tokens\"}"))));
        ResponseFormatJsonSchema format = ResponseFormatJsonSchema.builder().jsonSchema(ResponseFormatJsonSchema
                .JsonSchema.builder().name("city").schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                        .putAdditionalProperty("type", JsonValue.from("object")).build())
                .build()).build();
        Streamed streamed = stream(ChatCompletionCreateParams.builder().model("responsive/gpt-4.1").addUserMessage("City?") .responseFormat(format).maxCompletionTokens(5).build());

        assertThat(streamed.finishes()).containsExactly(ChatCompletionChunk.Choice.FinishReason.LENGTH);
        upstream.verify(postRequestedFor(urlEqualTo("/v1/responses"))
                .withRequestBody(matchingJsonPath("$.text.format.type", equalTo("json_schema")))
                .withRequestBody(matchingJsonPath("$.text.format.name", equalTo("city"))));
    }

    @Test
    void failsOnAFailedResponseAndOnAStreamCutBeforeItsFinalEvent() {
        upstream.stubFor(post(urlEqualTo("/v1/responses")).willReturn(sse(CREATED
                + event("response.failed", "{\"type\":\"response.failed\",\"response\":{\"id\":\"resp_1\",\"status\":"
                        + "\"failed\",\"error\":{\"code\":\"server_error\",\"message\":\"The model crashed\"}}}"))));
        String failed = Gateway.request().body(Gateway.chat("responsive/gpt-4.1", true)).post("/v1/chat/completions")
                .then().statusCode(502).extract().asString();
        assertThat(failed).contains("The model crashed");

        upstream.stubFor(post(urlEqualTo("/v1/responses")).willReturn(sse(CREATED + event("response.output_text.delta",
                "{\"type\":\"response.output_text.delta\",\"output_index\":0,\"delta\":\"partial\"}"))));
        String cut = Gateway.request().body(Gateway.chat("responsive/gpt-4.1", true)).post("/v1/chat/completions")
                .then().statusCode(200).extract().asString();
        assertThat(cut).contains("\"content\":\"partial\"").contains("upstream_stream_truncated").doesNotContain("[DONE]");
    }

    @Test
    void refusesWhatTheResponsesApiLacksBeforeAnyCall() {
        Gateway.request().body("{\"model\":\"responsive/gpt-4.1\",\"stop\":[\"x\"],\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]}").post("/v1/chat/completions").then().statusCode(400)
                .body("error.param", org.hamcrest.Matchers.equalTo("stop"));
        upstream.verify(0, postRequestedFor(urlEqualTo("/v1/responses")));
    }
}
