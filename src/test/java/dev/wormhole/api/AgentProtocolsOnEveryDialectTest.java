package dev.wormhole.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.anthropic.client.AnthropicClient;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.Tool;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStreamEvent;

import dev.wormhole.testing.AnthropicSdk;
import dev.wormhole.testing.Golden;
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The official Anthropic and OpenAI SDKs, unchanged, speaking the agent protocols through the gateway to WireMock
 * upstreams of the dialects that translate them: Anthropic Messages to Gemini and Ollama, the Responses API to
 * Anthropic, Gemini and Ollama. Each upstream answers with its golden fixture; what the SDK parses must match the
 * golden translation (the fixture tests pin the bytes, these pin that the real clients read them). No CDI:
 * {@link AgentProtocolsOnEveryDialectIT} runs it on the packaged application.
 */
@QuarkusTest
@QuarkusTestResource(UpstreamMock.class)
class AgentProtocolsOnEveryDialectTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> MODELS = Map.of("gemini", "gem/gemini-2.5-flash", "ollama",
            "llama/qwen3:8b", "anthropic", "claude/claude-sonnet-4-5");

    @TestHTTPResource("/")
    URL gateway;

    private AnthropicClient anthropic;
    private OpenAIClient openai;
    private WireMockServer upstream;

    @BeforeEach
    void connect() {
        anthropic = AnthropicSdk.client(gateway);
        openai = OpenAIOkHttpClient.builder().apiKey(UpstreamMock.GATEWAY_KEY).baseUrl(gateway + "v1").maxRetries(0)
                .build();
        upstream = UpstreamMock.wireMock();
        upstream.resetAll();
    }

    @AfterEach
    void disconnect() {
        anthropic.close();
        openai.close();
    }

    @ParameterizedTest
    @ValueSource(strings = { "gemini", "ollama" })
    void anthropicSdkReadsATranslatedMessage(String dialect) throws IOException {
        answer(dialect, false, "messages-inbound");

        Message message = anthropic.messages().create(messages(dialect).build());

        JsonNode golden = golden("messages-inbound", dialect, "response.json");
        JsonNode text = golden.at("/content/" + (golden.get("content").size() - 1));
        assertThat(message.content().get(message.content().size() - 1).asText().text())
                .isEqualTo(text.get("text").asText());
        assertThat(message.stopReason().orElseThrow().asString()).isEqualTo(golden.get("stop_reason").asText());
        assertThat(message.usage().inputTokens()).isEqualTo(golden.at("/usage/input_tokens").asLong());
        assertThat(message.usage().outputTokens()).isEqualTo(golden.at("/usage/output_tokens").asLong());
    }

    @ParameterizedTest
    @ValueSource(strings = { "gemini", "ollama" })
    void anthropicSdkAccumulatesATranslatedStreamWithAToolCall(String dialect) throws IOException {
        answer(dialect, true, "messages-inbound");

        MessageAccumulator accumulator = MessageAccumulator.create();
        List<RawMessageStreamEvent> events;
        try (var stream = anthropic.messages().createStreaming(messages(dialect).build())) {
            events = stream.stream().peek(accumulator::accumulate).toList();
        }

        assertThat(events.get(0).isMessageStart()).isTrue();
        assertThat(events.get(events.size() - 1).isMessageStop()).isTrue();
        Message message = accumulator.message();
        var call = message.content().stream().filter(b -> b.isToolUse()).findFirst().orElseThrow().asToolUse();
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call._input().convert(Map.class)).isEqualTo(Map.of("city", "Zürich", "unit", "celsius"));
        assertThat(message.stopReason().orElseThrow().asString()).isEqualTo("tool_use");
    }

    @ParameterizedTest
    @ValueSource(strings = { "anthropic", "gemini", "ollama" })
    void responsesSdkReadsATranslatedResponse(String dialect) throws IOException {
        answer(dialect, false, "responses-inbound");

        Response response = openai.responses().create(responses(dialect));

        JsonNode golden = golden("responses-inbound", dialect, "response.json");
        assertThat(response.status().orElseThrow().asString()).isEqualTo(golden.get("status").asText());
        assertThat(response.output()).hasSize(golden.get("output").size());
        for (int i = 0; i < golden.get("output").size(); i++) {
            JsonNode item = golden.get("output").get(i);
            ResponseOutputItem parsed = response.output().get(i);
            switch (item.get("type").asText()) {
                case "message" -> assertThat(parsed.asMessage().content().get(0).asOutputText().text())
                        .isEqualTo(item.at("/content/0/text").asText());
                case "function_call" -> assertThat(parsed.asFunctionCall().arguments())
                        .isEqualTo(item.get("arguments").asText());
                case "reasoning" -> assertThat(parsed.asReasoning().summary().get(0).text())
                        .isEqualTo(item.at("/summary/0/text").asText());
                default -> throw new AssertionError("unexpected output item " + item);
            }
        }
        assertThat(response.usage().orElseThrow().inputTokens()).isEqualTo(golden.at("/usage/input_tokens").asLong());
        assertThat(response.usage().orElseThrow().inputTokensDetails().cachedTokens())
                .isEqualTo(golden.at("/usage/input_tokens_details/cached_tokens").asLong());
    }

    @ParameterizedTest
    @ValueSource(strings = { "anthropic", "gemini", "ollama" })
    void responsesSdkAccumulatesATranslatedStreamWithAFunctionCall(String dialect) throws IOException {
        answer(dialect, true, "responses-inbound");

        ResponseAccumulator accumulator = ResponseAccumulator.create();
        List<ResponseStreamEvent> events = new ArrayList<>();
        StringBuilder arguments = new StringBuilder();
        try (var stream = openai.responses().createStreaming(responses(dialect))) {
            stream.stream().forEach(event -> {
                accumulator.accumulate(event);
                events.add(event);
                event.functionCallArgumentsDelta().ifPresent(d -> arguments.append(d.delta()));
            });
        }

        assertThat(events.get(0).isCreated()).isTrue();
        assertThat(events.get(events.size() - 1).isCompleted()).isTrue();
        Response done = accumulator.response();
        assertThat(done.status().orElseThrow().asString()).isEqualTo("completed");
        ResponseFunctionToolCall call = done.output().stream().filter(ResponseOutputItem::isFunctionCall)
                .findFirst().orElseThrow().asFunctionCall();
        assertThat(call.name()).isEqualTo("shell");
        assertThat(call.arguments()).isEqualTo(arguments.toString());
        assertThat(JSON.readTree(call.arguments()).get("command").isArray()).isTrue();
    }

    private MessageCreateParams.Builder messages(String dialect) {
        return MessageCreateParams.builder().model(MODELS.get(dialect)).maxTokens(200)
                .addUserMessage("What is the weather in Zürich?")
                .addTool(Tool.builder().name("get_weather").inputSchema(Tool.InputSchema.builder()
                        .properties(com.anthropic.core.JsonValue.from(Map.of("city", Map.of("type", "string")))).build())
                .build());
    }

    private static ResponseCreateParams responses(String dialect) {
        return ResponseCreateParams.builder().model(MODELS.get(dialect)).input("Summarize the README.")
                .addTool(FunctionTool.builder().name("shell").parameters(FunctionTool.Parameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object")).build()).strict(false).build())
                .build();
    }

    /** The upstream answers every call of the dialect with its golden reply or stream. */
    private void answer(String dialect, boolean stream, String suite) {
        MappingBuilder call = switch (dialect) {
            case "gemini" -> post(urlPathMatching(".*:" + (stream ? "streamGenerateContent" : "generateContent")));
            case "ollama" -> post(urlPathEqualTo("/api/chat"));
            case "anthropic" -> post(urlPathEqualTo("/v1/messages"));
            default -> throw new IllegalArgumentException(dialect);
        };
        String file = !stream ? "upstream-response.json"
                : dialect.equals("ollama") ? "upstream-stream.ndjson" : "upstream-stream.sse";
        String type = !stream ? "application/json"
                : dialect.equals("ollama") ? "application/x-ndjson" : "text/event-stream";
        upstream.stubFor(call.willReturn(aResponse().withHeader("Content-Type", type)
                .withBody(Golden.bytes(suite + "/" + dialect + "/" + file))));
    }

    private static JsonNode golden(String suite, String dialect, String file) throws IOException {
        return JSON.readTree(Golden.bytes(suite + "/" + dialect + "/" + file));
    }
}
