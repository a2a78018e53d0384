package dev.wormhole.api;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFormatTextJsonSchemaConfig;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseTextConfig;

import dev.wormhole.testing.Gateway;
import dev.wormhole.testing.SdkSuite;
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** {@code POST /v1/responses} driven by the official OpenAI Java SDK, and its refusals over plain HTTP. */
@QuarkusTest
@QuarkusTestResource(UpstreamMock.class)
class ResponsesInboundTest extends SdkSuite {

    private static final FunctionTool WEATHER = FunctionTool.builder().name("get_weather")
            .description("Weather for a city").strict(false)
            .parameters(FunctionTool.Parameters.builder()
                    .putAdditionalProperty("type", JsonValue.from("object"))
                    .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                    .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                    .build())
            .build();

    @Test
    void acceptsWhatCodexSendsBesideTheConversation() {
        // Codex 0.171 sends its session ids in client_metadata, ids on input items, and asks for encrypted reasoning.
        Gateway.request().body("{\"model\":\"sim-1\",\"store\":false,\"include\":[\"reasoning.encrypted_content\"],"
                + "\"prompt_cache_key\":\"s-1\",\"client_metadata\":{\"session_id\":\"s-1\"},\"reasoning\":{\"summary\":"
                + "\"auto\"},\"input\":[{\"type\":\"message\",\"id\":\"msg_1\",\"role\":\"developer\",\"content\":"
                + "[{\"type\":\"input_text\",\"text\":\"be brief\"}]},{\"type\":\"message\",\"role\":\"user\","
                + "\"content\":[{\"type\":\"input_text\",\"text\":\"hello\"}]}]}")
                .post("/v1/responses").then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("completed"));
    }

    @Test
    void answersTextWithUsageFromTheSimulator() {
        Response response = client.responses().create(ResponseCreateParams.builder().model("sim-1")
                .input("What is a gateway?").build());

        assertThat(response.id()).startsWith("resp_");
        assertThat(response.status()).contains(ResponseStatus.COMPLETED);
        assertThat(text(response)).startsWith("Simulated answer from sim-1 to \"What is a gateway?\"");
        assertThat(response.output()).singleElement().satisfies(item -> assertThat(item.isMessage()).isTrue());
        assertThat(response.usage()).get().satisfies(u -> {
            assertThat(u.outputTokens()).isEqualTo(32);
            assertThat(u.totalTokens()).isEqualTo(u.inputTokens() + u.outputTokens());
        });
        assertThat(response._additionalProperties().get("store")).isEqualTo(JsonValue.from(false));
        assertThat(response.error()).isEmpty();
    }

    @Test
    void reportsACutShortAnswerAsIncomplete() {
        Response response = client.responses().create(ResponseCreateParams.builder().model("sim-1")
                .input("Tell me more").maxOutputTokens(5).build());

        assertThat(response.status()).contains(ResponseStatus.INCOMPLETE);
        assertThat(response.incompleteDetails()).get().satisfies(d -> assertThat(d.reason())
                .contains(Response.IncompleteDetails.Reason.MAX_OUTPUT_TOKENS));
        assertThat(response.maxOutputTokens()).contains(5L);
        assertThat(response.usage()).get().satisfies(u -> assertThat(u.outputTokens()).isEqualTo(5));
    }

    @Test
    void streamsEveryEventTypeTheSdkKnowsWithTheAccumulatedText() {
        ResponseAccumulator accumulator = ResponseAccumulator.create();
        List<String> types = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(
                ResponseCreateParams.builder().model("sim-1").input("Stream please").build())) {
            stream.stream().forEach(event -> {
                accumulator.accumulate(event);
                types.add(type(event));
                event.outputTextDelta().ifPresent(d -> text.append(d.delta()));
            });
        }

        assertThat(types).startsWith("created", "in_progress", "output_item.added", "content_part.added",
                "output_text.delta").endsWith("output_text.done", "content_part.done", "output_item.done",
                        "completed").doesNotContain("unknown");
        assertThat(text.toString()).startsWith("Simulated answer from sim-1 to \"Stream please\"");
        Response done = accumulator.response();
        assertThat(done.status()).contains(ResponseStatus.COMPLETED);
        assertThat(text(done)).isEqualTo(text.toString());
        assertThat(done.usage()).get().satisfies(u -> assertThat(u.outputTokens()).isEqualTo(32));
    }

    @Test
    void streamsAFunctionCall() {
        ResponseAccumulator accumulator = ResponseAccumulator.create();
        List<String> types = new ArrayList<>();
        StringBuilder arguments = new StringBuilder();
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(
                ResponseCreateParams.builder().model("sim-1").input("Paris").addTool(WEATHER).build())) {
            stream.stream().forEach(event -> {
                accumulator.accumulate(event);
                types.add(type(event));
                event.functionCallArgumentsDelta().ifPresent(d -> arguments.append(d.delta()));
            });
        }

        assertThat(types).contains("output_item.added", "function_call_arguments.delta",
                "function_call_arguments.done", "output_item.done", "completed").doesNotContain("unknown");
        ResponseFunctionToolCall call = accumulator.response().output().get(0).asFunctionCall();
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call.arguments()).isEqualTo(arguments.toString()).contains("\"city\"");
    }

    @Test
    void roundTripsAFunctionToolWithTheSimulator() {
        ResponseCreateParams.Builder first = ResponseCreateParams.builder().model("sim-1").addTool(WEATHER);
        Response called = client.responses().create(first.input("Paris").build());

        ResponseFunctionToolCall call = called.output().stream().filter(ResponseOutputItem::isFunctionCall)
                .findFirst().orElseThrow().asFunctionCall();
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call.callId()).startsWith("call_");
        assertThat(call.id()).get().asString().startsWith("fc_");

        Response answered = client.responses().create(ResponseCreateParams.builder().model("sim-1").addTool(WEATHER)
                .inputOfResponse(List.of(
                        ResponseInputItem.ofMessage(ResponseInputItem.Message.builder()
                                .role(ResponseInputItem.Message.Role.USER)
                                .addInputTextContent("Paris").build()),
                        ResponseInputItem.ofFunctionCall(call),
                        ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                                .callId(call.callId()).output("sunny, 21 C").build())))
                .build());

        assertThat(text(answered)).startsWith("The tool returned: sunny, 21 C.");
    }

    @Test
    void answersAJsonSchemaFormat() {
        ResponseFormatTextJsonSchemaConfig format = ResponseFormatTextJsonSchemaConfig.builder().name("city")
                .strict(true)
                .schema(ResponseFormatTextJsonSchemaConfig.Schema.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of(
                                "name", Map.of("type", "string"), "population", Map.of("type", "integer"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("name", "population")))
                        .build())
                .build();
        Response response = client.responses().create(ResponseCreateParams.builder().model("sim-1")
                .input("Describe Paris").text(ResponseTextConfig.builder().format(format).build()).build());

        assertThat(text(response)).startsWith("{").contains("\"name\"").contains("\"population\"");
        assertThat(response.text()).get().satisfies(t -> assertThat(t.format()).get()
                .satisfies(f -> assertThat(f.asJsonSchema().name()).isEqualTo("city")));
    }

    @Test
    void translatesToAChatCompletionsUpstream() {
        upstream.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(json("{\"id\":\"chatcmpl-7\","
                + "\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"gpt-4o-mini-2024-07-18\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"It is sunny.\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":30,\"completion_tokens\":4,"
                + "\"total_tokens\":34,\"prompt_tokens_details\":{\"cached_tokens\":8}}}")));

        Response response = client.responses().create(ResponseCreateParams.builder().model("openai/gpt-4o-mini")
                .instructions("Answer in one sentence.").maxOutputTokens(50).addTool(WEATHER)
                .inputOfResponse(List.of(
                        ResponseInputItem.ofMessage(ResponseInputItem.Message.builder()
                                .role(ResponseInputItem.Message.Role.USER).addInputTextContent("Weather?").build()),
                        ResponseInputItem.ofFunctionCall(ResponseFunctionToolCall.builder().callId("call_1")
                                .name("get_weather").arguments("{\"city\":\"Paris\"}").build()),
                        ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                                .callId("call_1").output("sunny").build())))
                .build());

        assertThat(text(response)).isEqualTo("It is sunny.");
        assertThat(response.model().asChat()).hasToString("gpt-4o-mini-2024-07-18");
        assertThat(response.usage()).get().satisfies(u -> {
            assertThat(u.inputTokensDetails().cachedTokens()).isEqualTo(8);
            assertThat(u.totalTokens()).isEqualTo(34);
        });
        upstream.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4o-mini")))
                .withRequestBody(matchingJsonPath("$.max_completion_tokens", equalTo("50")))
                .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("system")))
                .withRequestBody(matchingJsonPath("$.messages[0].content", equalTo("Answer in one sentence.")))
                .withRequestBody(matchingJsonPath("$.messages[1].role", equalTo("user")))
                .withRequestBody(matchingJsonPath("$.messages[2].role", equalTo("assistant")))
                .withRequestBody(matchingJsonPath("$.messages[2].tool_calls[0].id", equalTo("call_1")))
                .withRequestBody(matchingJsonPath("$.messages[3].role", equalTo("tool")))
                .withRequestBody(matchingJsonPath("$.messages[3].tool_call_id", equalTo("call_1")))
                .withRequestBody(matchingJsonPath("$.messages[3].content", equalTo("sunny")))
                .withRequestBody(matchingJsonPath("$.tools[0].function.name", equalTo("get_weather"))));
    }

    @Test
    void answersAnUpstreamFailureBeforeTheFirstEventAsPlainJson() {
        upstream.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(json(
                "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_error\"}}").withStatus(429)));

        Gateway.request().body("{\"model\":\"openai/gpt-4o-mini\",\"input\":\"hi\",\"stream\":true}")
                .post("/v1/responses").then().statusCode(429)
                .contentType(containsString("application/json"))
                .body("error.type", org.hamcrest.Matchers.equalTo("rate_limit_error"));
    }

    @Test
    void endsAStreamCutAfterItsFirstDeltaWithResponseFailed() {
        String text = Gateway.request().body("{\"model\":\"stall/cut\",\"input\":\"hi\",\"stream\":true}")
                .post("/v1/responses").then().statusCode(200).contentType(containsString("text/event-stream"))
                .extract().asString();

        assertThat(text).contains("event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\"")
                .contains("\"delta\":\"hi\"").doesNotContain("[DONE]").doesNotContain("response.completed");
        String last = text.substring(text.lastIndexOf("event: "));
        assertThat(last).startsWith("event: response.failed\n").contains("\"status\":\"failed\"")
                .contains("\"code\":\"upstream_connection_closed\"");
    }

    @Test
    void triesTheRequestsOwnFallbacks() {
        Response response = client.responses().create(ResponseCreateParams.builder().model("openai/gpt-4o-mini")
                .input("hi").putAdditionalBodyProperty("wormhole", JsonValue.from(Map.of("fallbacks",
                        List.of("simulator/sim-1")))).build());

        assertThat(text(response)).startsWith("Simulated answer from sim-1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing model | {\"input\":\"hi\"} | model",
            "unknown field | {\"model\":\"openai/gpt-4o-mini\",\"input\":\"hi\",\"colour\":\"red\"} | colour",
            "previous response id | {\"model\":\"openai/gpt-4o-mini\",\"input\":\"hi\",\"previous_response_id\":\"resp_1/../x\"} | previous_response_id",
            "web search tool | {\"model\":\"openai/gpt-4o-mini\",\"input\":\"hi\",\"tools\":[{\"type\":\"web_search\"}]} | tools[0].type",
            "numeric input | {\"model\":\"openai/gpt-4o-mini\",\"input\":42} | input",
            "object input | {\"model\":\"openai/gpt-4o-mini\",\"input\":{\"role\":\"user\"}} | input",
            "unknown item type | {\"model\":\"openai/gpt-4o-mini\",\"input\":[{\"type\":\"item_reference\",\"id\":\"x\"}]} | input[0].type",
            "unknown item field | {\"model\":\"openai/gpt-4o-mini\",\"input\":[{\"role\":\"user\",\"content\":\"hi\",\"mood\":1}]} | input[0].mood",
            "bad format | {\"model\":\"openai/gpt-4o-mini\",\"input\":\"hi\",\"text\":{\"format\":{\"type\":\"yaml\"}}} | text.format.type",
            "server tools | {\"model\":\"openai/gpt-4o-mini\",\"input\":\"hi\",\"wormhole\":{\"tools\":\"all\"}} | wormhole.tools" })
    void refusesBadInputNamingTheFieldWithoutCallingUpstream(String name, String body, String param) {
        Gateway.request().body(body).post("/v1/responses").then().statusCode(400)
                .body("error.type", org.hamcrest.Matchers.equalTo("invalid_request_error"))
                .body("error.param", org.hamcrest.Matchers.equalTo(param));

        upstream.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    /** The text of a response's message items. */
    private static String text(Response response) {
        StringBuilder text = new StringBuilder();
        response.output().stream().filter(ResponseOutputItem::isMessage)
                .flatMap(item -> item.asMessage().content().stream())
                .forEach(part -> text.append(part.asOutputText().text()));
        return text.toString();
    }

    /** The event's type as the SDK recognized it, without the {@code response.} prefix; unknown if it did not. */
    private static String type(ResponseStreamEvent event) {
        Map<String, Boolean> known = new java.util.LinkedHashMap<>();
        known.put("created", event.created().isPresent());
        known.put("in_progress", event.inProgress().isPresent());
        known.put("output_item.added", event.outputItemAdded().isPresent());
        known.put("output_item.done", event.outputItemDone().isPresent());
        known.put("content_part.added", event.contentPartAdded().isPresent());
        known.put("content_part.done", event.contentPartDone().isPresent());
        known.put("output_text.delta", event.outputTextDelta().isPresent());
        known.put("output_text.done", event.outputTextDone().isPresent());
        known.put("function_call_arguments.delta", event.functionCallArgumentsDelta().isPresent());
        known.put("function_call_arguments.done", event.functionCallArgumentsDone().isPresent());
        known.put("completed", event.completed().isPresent());
        known.put("incomplete", event.incomplete().isPresent());
        known.put("failed", event.failed().isPresent());
        return known.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).findFirst()
                .orElse("unknown");
    }
}
