package dev.wormhole.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.ChatMessage;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.ChatResult;
import dev.wormhole.core.ContentPart;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.FinishReason;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.ResponseFormat;
import dev.wormhole.core.Role;
import dev.wormhole.core.ToolCall;
import dev.wormhole.core.ToolChoice;
import dev.wormhole.core.ToolDefinition;
import dev.wormhole.core.Usage;
import dev.wormhole.provider.SseDecoder;
import dev.wormhole.provider.anthropic.wire.MessagesResponse;
import dev.wormhole.provider.anthropic.wire.StreamEvent;
import dev.wormhole.provider.anthropic.wire.WireError;

/** The Anthropic mapper and stream translation against golden wire files. */
class AnthropicMapperTest {

    private final ObjectMapper json = new ObjectMapper();

    private static final ToolDefinition LOOKUP = new ToolDefinition("lookup", "Search",
            Map.of("type", "object", "properties", Map.of("q", Map.of("type", "string"))), null);

    @Test
    void writesTheGoldenStreamingRequest() throws IOException {
        ChatRequest request = new ChatRequest("claude-sonnet-4-5",
                List.of(ChatMessage.text(Role.SYSTEM, "Be brief"), ChatMessage.text(Role.DEVELOPER, "Answer in English"),
                        new ChatMessage(Role.USER, List.of(new ContentPart.Text("What is in this picture?"),
                                new ContentPart.Image("https://example.com/cat.png", "low"),
                                new ContentPart.Image("data:image/png;base64,iVBORw0KGgo=", null)), null, List.of(), null),
                        new ChatMessage(Role.ASSISTANT, List.of(new ContentPart.Text("Let me look.")), null,
                                List.of(new ToolCall("call.1", "lookup", "{\"q\":\"cat\"}")), null),
                        new ChatMessage(Role.TOOL, List.of(new ContentPart.Text("a cat")), null, List.of(), "call.1"),
                        ChatMessage.text(Role.USER, "Thanks")),
                0.5, null, null, null, List.of("END"), null, null, null, List.of(LOOKUP), ToolChoice.REQUIRED, false,
                null, null, "user-7", Map.of("top_k", 40));

        JsonNode written = json.readTree(json.writeValueAsString(AnthropicMapper.toWire(request, true, 4096, json)));

        assertThat(written).isEqualTo(fixture("messages-request.json"));
    }

    @Test
    void turnsAStructuredOutputRequestIntoAForcedTool() throws IOException {
        ChatRequest request = new ChatRequest("claude-haiku-4-5", List.of(ChatMessage.text(Role.USER, "Name a city")),
                null, null, 200, null, null, null, null, null, null, null, null,
                new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "city", Map.of("type", "object", "properties",
                        Map.of("name", Map.of("type", "string"))), true), null, null, null);

        JsonNode written = json.valueToTree(AnthropicMapper.toWire(request, false, 4096, json));

        assertThat(written.get("max_tokens").asInt()).isEqualTo(200);
        assertThat(written.at("/tools/0/name").asText()).isEqualTo(AnthropicMapper.RESPONSE_TOOL);
        assertThat(written.at("/tools/0/input_schema/properties/name/type").asText()).isEqualTo("string");
        assertThat(written.at("/tool_choice/type").asText()).isEqualTo("tool");
        assertThat(written.at("/tool_choice/name").asText()).isEqualTo(AnthropicMapper.RESPONSE_TOOL);

        MessagesResponse answer = json.readValue("{\"id\":\"msg_3\",\"model\":\"claude-haiku-4-5\",\"content\":[{\"type\":"
                + "\"tool_use\",\"id\":\"toolu_3\",\"name\":\"json_response\",\"input\":{\"name\":\"Paris\"}}],"
                + "\"stop_reason\":\"tool_use\",\"usage\":{\"input_tokens\":9,\"output_tokens\":5}}", MessagesResponse.class);
        ChatResult result = AnthropicMapper.fromWire(answer, "claude-haiku-4-5", true, 1L, json);
        assertThat(result.choices().get(0).message().text()).isEqualTo("{\"name\":\"Paris\"}");
        assertThat(result.choices().get(0).message().toolCalls()).isEmpty();
        assertThat(result.choices().get(0).finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void readsTheGoldenToolUseMessage() throws IOException {
        MessagesResponse wire = json.treeToValue(fixture("message-tool-use.json"), MessagesResponse.class);

        ChatResult result = AnthropicMapper.fromWire(wire, "claude-sonnet-4-5", false, 1_700_000_000L, json);

        assertThat(result.id()).isEqualTo("msg_01");
        assertThat(result.model()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(result.created()).isEqualTo(1_700_000_000L);
        assertThat(result.choices()).singleElement().satisfies(c -> {
            assertThat(c.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
            assertThat(c.message().text()).isEqualTo("Checking.");
            assertThat(c.message().content()).first()
                    .isEqualTo(new ContentPart.Thinking("The user wants a dog.", "EqQBCgIYAhIM", null));
            assertThat(c.message().toolCalls()).containsExactly(new ToolCall("toolu_01", "lookup", "{\"q\":\"dog\"}"));
        });
        // The prompt is fresh + cache-written + cache-read input; the cached part is what was read.
        assertThat(result.usage()).isEqualTo(new Usage(60, 12, 20, 0));
    }

    @Test
    void translatesTheGoldenStreamFedInSplitFrames() throws IOException {
        byte[] sse = fixtureBytes("stream-tool-use.sse");
        SseDecoder decoder = new SseDecoder(1 << 20);
        List<SseDecoder.Event> events = new ArrayList<>();
        for (int at = 0; at < sse.length; at += 7) {
            events.addAll(decoder.feed(Arrays.copyOfRange(sse, at, Math.min(sse.length, at + 7))));
        }
        events.addAll(decoder.finish());
        AnthropicStream stream = new AnthropicStream("claude-sonnet-4-5", false, 5L);
        List<ChatDelta> deltas = new ArrayList<>();
        for (SseDecoder.Event event : events) {
            if ("message_stop".equals(event.event())) {
                break;
            }
            deltas.addAll(stream.onEvent(json.readValue(event.data(), StreamEvent.class)));
        }

        assertThat(deltas).allSatisfy(d -> {
            assertThat(d.id()).isEqualTo("msg_02");
            assertThat(d.model()).isEqualTo("claude-sonnet-4-5-20250929");
        });
        assertThat(deltas).hasSize(6);
        assertThat(deltas.get(0).choices().get(0).role()).isEqualTo(Role.ASSISTANT);
        assertThat(deltas.get(0).choices().get(0).content()).isEqualTo("Let me check");
        assertThat(deltas.get(1).choices().get(0).role()).isNull();
        assertThat(deltas.get(1).choices().get(0).toolCalls())
                .containsExactly(new ChatDelta.ToolCallDelta(0, "toolu_02", "get_weather", ""));
        assertThat(deltas.get(2).choices().get(0).toolCalls())
                .containsExactly(new ChatDelta.ToolCallDelta(0, null, null, "{\"city\": \"Par"));
        assertThat(deltas.get(3).choices().get(0).toolCalls())
                .containsExactly(new ChatDelta.ToolCallDelta(0, null, null, "is\"}"));
        assertThat(deltas.get(4).choices().get(0).finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(deltas.get(5).choices()).isEmpty();
        assertThat(deltas.get(5).usage()).isEqualTo(new Usage(30, 40, 5, 0));
    }

    @Test
    void turnsReasoningEffortIntoAThinkingBudgetWithinTheOutputLimit() {
        ChatRequest unlimited = new ChatRequest("claude", List.of(ChatMessage.text(Role.USER, "hi")), null, null, null,
                null, null, null, null, null, null, null, null, null, "high", null, null);
        ChatRequest limited = new ChatRequest("claude", List.of(ChatMessage.text(Role.USER, "hi")), 1.0, null, 2000,
                null, null, null, null, null, null, null, null, null, "high", null, null);

        JsonNode open = json.valueToTree(AnthropicMapper.toWire(unlimited, false, 4096, json));
        JsonNode capped = json.valueToTree(AnthropicMapper.toWire(limited, false, 4096, json));

        assertThat(open.at("/thinking/type").asText()).isEqualTo("enabled");
        assertThat(open.at("/thinking/budget_tokens").asInt()).isEqualTo(16384);
        assertThat(open.at("/max_tokens").asInt()).isEqualTo(4096 + 16384);
        assertThat(capped.at("/thinking/budget_tokens").asInt()).isEqualTo(1999);
        assertThat(capped.at("/max_tokens").asInt()).isEqualTo(2000);
    }

    @ParameterizedTest
    @CsvSource({ "temperature", "max_tokens", "tool_choice", "response_format" })
    void refusesWhatExtendedThinkingCannotBeCombinedWith(String param) {
        ChatRequest request = new ChatRequest("claude", List.of(ChatMessage.text(Role.USER, "hi")),
                param.equals("temperature") ? 0.2 : null, null, param.equals("max_tokens") ? 800 : null, null, null,
                null, null, null, param.equals("tool_choice") ? List.of(LOOKUP) : null,
                param.equals("tool_choice") ? ToolChoice.REQUIRED : null, null,
                param.equals("response_format") ? new ResponseFormat(ResponseFormat.Type.JSON_OBJECT, null, null, null)
                        : null,
                "medium", null, null);

        assertThatThrownBy(() -> AnthropicMapper.toWire(request, false, 4096, json))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.param()).contains(param));
    }

    @Test
    void replaysSignedThinkingFirstAndLeavesUnsignedReasoningOut() {
        ChatRequest request = ChatRequest.of("claude", List.of(ChatMessage.text(Role.USER, "Weather?"),
                new ChatMessage(Role.ASSISTANT, List.of(new ContentPart.Thinking("Need the tool.", "sig-1", null),
                        new ContentPart.Thinking(null, null, "opaque"), new ContentPart.Thinking("unsigned", null, null),
                        new ContentPart.Text("Checking.")), null,
                        List.of(new ToolCall("toolu_1", "lookup", "{}")), null),
                new ChatMessage(Role.TOOL, List.of(new ContentPart.Text("sunny")), null, List.of(), "toolu_1")));

        JsonNode assistant = json.valueToTree(AnthropicMapper.toWire(request, false, 4096, json)).at("/messages/1/content");

        assertThat(assistant).hasSize(4);
        assertThat(assistant.at("/0/type").asText()).isEqualTo("thinking");
        assertThat(assistant.at("/0/thinking").asText()).isEqualTo("Need the tool.");
        assertThat(assistant.at("/0/signature").asText()).isEqualTo("sig-1");
        assertThat(assistant.at("/1/type").asText()).isEqualTo("redacted_thinking");
        assertThat(assistant.at("/1/data").asText()).isEqualTo("opaque");
        assertThat(assistant.at("/2/type").asText()).isEqualTo("text");
        assertThat(assistant.at("/3/type").asText()).isEqualTo("tool_use");
    }

    @ParameterizedTest
    @CsvSource({ "end_turn,STOP", "stop_sequence,STOP", "pause_turn,STOP", "max_tokens,LENGTH", "tool_use,TOOL_CALLS",
            "refusal,CONTENT_FILTER", "model_context_window_exceeded,LENGTH" })
    void mapsStopReasons(String stopReason, FinishReason expected) {
        assertThat(AnthropicMapper.finishReason(stopReason)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({ "n", "presence_penalty", "frequency_penalty", "seed", "reasoning_effort", "temperature", "logit_bias" })
    void refusesWhatAnthropicCannotHonourNamingTheParameter(String param) {
        ChatRequest request = new ChatRequest("claude", List.of(ChatMessage.text(Role.USER, "hi")),
                param.equals("temperature") ? 1.5 : null, null, null, param.equals("n") ? 2 : null, null,
                param.equals("seed") ? 7L : null, param.equals("presence_penalty") ? 0.5 : null,
                param.equals("frequency_penalty") ? 0.5 : null, null, null, null, null,
                param.equals("reasoning_effort") ? "extreme" : null, null,
                param.equals("logit_bias") ? Map.of("logit_bias", Map.of("50256", -100)) : null);

        assertThatThrownBy(() -> AnthropicMapper.toWire(request, false, 4096, json))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.param()).contains(param);
                    assertThat(e.getMessage()).contains(param);
                });
    }

    @Test
    void refusesStructuredOutputCombinedWithToolsAndNonObjectSchemas() {
        ResponseFormat arraySchema = new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "list", Map.of("type", "array"),
                null);
        ChatRequest withTools = new ChatRequest("claude", List.of(ChatMessage.text(Role.USER, "hi")), null, null, null,
                null, null, null, null, null, List.of(LOOKUP), null, null,
                new ResponseFormat(ResponseFormat.Type.JSON_OBJECT, null, null, null), null, null, null);
        ChatRequest array = new ChatRequest("claude", List.of(ChatMessage.text(Role.USER, "hi")), null, null, null,
                null, null, null, null, null, null, null, null, arraySchema, null, null, null);

        assertThatThrownBy(() -> AnthropicMapper.toWire(withTools, false, 4096, json))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.param()).contains("response_format"));
        assertThatThrownBy(() -> AnthropicMapper.toWire(array, false, 4096, json))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.param()).contains("response_format"));
    }

    @Test
    void refusesBadImagesAndToolArgumentsNamingTheMessage() {
        ChatRequest tiff = new ChatRequest("claude", List.of(new ChatMessage(Role.USER,
                List.of(new ContentPart.Image("data:image/tiff;base64,AAAA", null)), null, List.of(), null)), null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null);
        ChatRequest badArgs = ChatRequest.of("claude", List.of(ChatMessage.text(Role.USER, "hi"),
                new ChatMessage(Role.ASSISTANT, List.of(), null, List.of(new ToolCall("c1", "lookup", "[1,2")), null),
                new ChatMessage(Role.TOOL, List.of(new ContentPart.Text("x")), null, List.of(), "c1")));

        assertThatThrownBy(() -> AnthropicMapper.toWire(tiff, false, 4096, json))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.param()).contains("messages[0]"));
        assertThatThrownBy(() -> AnthropicMapper.toWire(badArgs, false, 4096, json))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.param()).contains("messages[1].tool_calls[0].function.arguments"));
    }

    @ParameterizedTest
    @CsvSource({ "invalid_request_error,400", "authentication_error,401", "permission_error,403", "not_found_error,404",
            "request_too_large,413", "rate_limit_error,429", "api_error,500", "overloaded_error,529",
            "timeout_error,504", "something_new,500" })
    void mapsInBandErrorTypesToTheirDocumentedStatus(String type, int status) {
        assertThat(AnthropicApi.status(type)).isEqualTo(status);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "400|invalid_request_error|max_tokens: field required|INVALID_REQUEST|false",
            "400|invalid_request_error|prompt is too long: 210000 tokens > 200000 maximum|CONTEXT_LENGTH_EXCEEDED|false",
            "401|authentication_error|invalid x-api-key|UPSTREAM_AUTHENTICATION|false",
            "403|permission_error|not allowed|PERMISSION_DENIED|false",
            "404|not_found_error|model: claude-9|NOT_FOUND|false",
            "413|request_too_large|too large|PAYLOAD_TOO_LARGE|false",
            "429|rate_limit_error|slow down|RATE_LIMITED|true",
            "500|api_error|internal|UPSTREAM_ERROR|true",
            "529|overloaded_error|Overloaded|UNAVAILABLE|true",
            "504|timeout_error|timed out|UPSTREAM_TIMEOUT|true" })
    void mapsErrorRepliesIntoTheSharedTaxonomy(int status, String type, String message, ErrorKind kind,
            boolean retryable) {
        GatewayException failure = AnthropicApi.failure("claude", status, new WireError(type, message), null);

        assertThat(failure.kind()).isEqualTo(kind);
        assertThat(failure.kind().retryable()).isEqualTo(retryable);
    }

    private JsonNode fixture(String name) throws IOException {
        return json.readTree(fixtureBytes(name));
    }

    private static byte[] fixtureBytes(String name) throws IOException {
        try (InputStream in = AnthropicMapperTest.class.getResourceAsStream("/fixtures/anthropic/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
        }
    }
}
