package dev.wormhole.provider.ollama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.ChatMessage;
import dev.wormhole.core.ChatRequest;
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
import dev.wormhole.provider.NdjsonDecoder;
import dev.wormhole.provider.SseDecoder;
import dev.wormhole.provider.ollama.wire.ApiChatResponse;

/** The Ollama mapper and NDJSON stream translation against golden wire files. */
class OllamaMapperTest {

    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger counter = new AtomicInteger();
    private final Supplier<String> ids = () -> "id" + counter.incrementAndGet();

    @Test
    void writesTheGoldenStreamingRequest() throws IOException {
        ChatRequest request = new ChatRequest("llama3.2",
                List.of(ChatMessage.text(Role.SYSTEM, "Be brief"),
                        new ChatMessage(Role.USER, List.of(new ContentPart.Text("What is this?"),
                                new ContentPart.Image("data:image/png;base64,iVBORw0KGgo=", null)), null, List.of(), null),
                        new ChatMessage(Role.ASSISTANT, List.of(), null,
                                List.of(new ToolCall("c1", "lookup", "{\"q\":\"cat\"}")), null),
                        new ChatMessage(Role.TOOL, List.of(new ContentPart.Text("a cat")), null, List.of(), "c1"),
                        ChatMessage.text(Role.USER, "Thanks")),
                0.2, null, 128, null, List.of("END"), 3L, null, null,
                List.of(new ToolDefinition("lookup", "Search",
                        Map.of("type", "object", "properties", Map.of("q", Map.of("type", "string"))), null)),
                ToolChoice.AUTO, null, new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "answer",
                        Map.of("type", "object", "properties", Map.of("answer", Map.of("type", "string"))), true),
                "high", null, Map.of("top_k", 30, "keep_alive", "10m"));

        JsonNode written = json.readTree(json.writeValueAsString(OllamaMapper.toWire(request, true, json)));

        assertThat(written).isEqualTo(fixture("chat-request.json"));
    }

    @Test
    void translatesTheGoldenNdjsonStreamFedInSplitLines() throws IOException {
        byte[] ndjson = fixtureBytes("stream-tool-call.ndjson");
        NdjsonDecoder decoder = new NdjsonDecoder(1 << 20);
        List<SseDecoder.Event> lines = new ArrayList<>();
        for (int at = 0; at < ndjson.length; at += 11) {
            lines.addAll(decoder.feed(Arrays.copyOfRange(ndjson, at, Math.min(ndjson.length, at + 11))));
        }
        lines.addAll(decoder.finish());
        OllamaStream stream = new OllamaStream("llama3.2", 1L, ids, json);
        List<ChatDelta> deltas = new ArrayList<>();
        for (SseDecoder.Event line : lines) {
            assertThat(stream.done()).isFalse();
            deltas.addAll(stream.onLine(json.readValue(line.data(), ApiChatResponse.class)));
        }

        assertThat(stream.done()).isTrue();
        assertThat(lines).hasSize(4);
        assertThat(deltas).hasSize(5).allSatisfy(d -> assertThat(d.id()).isEqualTo("id1"));
        assertThat(deltas.get(0).choices().get(0).role()).isEqualTo(Role.ASSISTANT);
        assertThat(deltas.get(0).choices().get(0).content()).isEqualTo("Let me ");
        assertThat(deltas.get(1).choices().get(0).content()).isEqualTo("check.");
        assertThat(deltas.get(2).choices().get(0).toolCalls())
                .containsExactly(new ChatDelta.ToolCallDelta(0, "id2", "get_weather", "{\"city\":\"Paris\"}"));
        assertThat(deltas.get(3).choices().get(0).finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(deltas.get(4).usage()).isEqualTo(Usage.of(26, 14));
    }

    @Test
    void readsAWholeAnswer() throws IOException {
        ApiChatResponse wire = json.readValue("{\"model\":\"llama3.2\",\"created_at\":\"2025-06-01T10:00:00Z\","
                + "\"message\":{\"role\":\"assistant\",\"content\":\"Hi there\"},\"done\":true,\"done_reason\":\"length\","
                + "\"prompt_eval_count\":5,\"eval_count\":2}", ApiChatResponse.class);

        var result = OllamaMapper.fromWire(wire, "llama3.2", ids, json);

        assertThat(result.created()).isEqualTo(1748772000L);
        assertThat(result.choices().get(0).message().text()).isEqualTo("Hi there");
        assertThat(result.choices().get(0).finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(result.usage()).isEqualTo(Usage.of(5, 2));
    }

    @Test
    void readsTheThinkingOfAWholeAnswerAndSendsItBackAsTheMessagesThinking() throws IOException {
        ApiChatResponse wire = json.readValue("{\"model\":\"qwen3\",\"message\":{\"role\":\"assistant\","
                + "\"content\":\"4\",\"thinking\":\"2 plus 2\"},\"done\":true}", ApiChatResponse.class);

        ChatMessage answer = OllamaMapper.fromWire(wire, "qwen3", ids, json).choices().get(0).message();
        ChatRequest next = ChatRequest.of("qwen3", List.of(ChatMessage.text(Role.USER, "2+2?"),
                new ChatMessage(Role.ASSISTANT, List.of(answer.content().get(0), new ContentPart.Thinking(null, null,
                        "opaque"), answer.content().get(1)), null, List.of(), null),
                ChatMessage.text(Role.USER, "And 3+3?")));
        JsonNode written = json.readTree(json.writeValueAsString(OllamaMapper.toWire(next, false, json)));

        assertThat(answer.content()).containsExactly(new ContentPart.Thinking("2 plus 2", null, null),
                new ContentPart.Text("4"));
        assertThat(written.at("/messages/1/thinking").asText()).isEqualTo("2 plus 2");
        assertThat(written.at("/messages/1/content").asText()).isEqualTo("4");
        assertThat(written.at("/messages/0/thinking").isMissingNode()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({ "true", "false" })
    void acceptsParallelToolCallsWithoutSendingThem(boolean parallel) throws IOException {
        ChatRequest request = new ChatRequest("llama3.2", List.of(ChatMessage.text(Role.USER, "hi")), null, null, null,
                null, null, null, null, null, List.of(new ToolDefinition("t", null, null, null)), null, parallel, null,
                null, null, null);

        JsonNode written = json.readTree(json.writeValueAsString(OllamaMapper.toWire(request, false, json)));

        assertThat(written.toString()).doesNotContain("parallel");
        assertThat(written.at("/tools/0/function/name").asText()).isEqualTo("t");
    }

    @ParameterizedTest
    @CsvSource({ "n", "tool_choice", "logit_bias" })
    void refusesWhatOllamaCannotHonourNamingTheParameter(String param) {
        ChatRequest request = new ChatRequest("llama3.2", List.of(ChatMessage.text(Role.USER, "hi")), null, null, null,
                param.equals("n") ? 3 : null, null, null, null, null,
                List.of(new ToolDefinition("t", null, null, null)), param.equals("tool_choice") ? ToolChoice.REQUIRED : null,
                param.equals("parallel_tool_calls") ? false : null, null, null, null,
                param.equals("logit_bias") ? Map.of("logit_bias", Map.of("1", 2)) : null);

        assertThatThrownBy(() -> OllamaMapper.toWire(request, false, json)).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.param()).contains(param));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "404|model 'llama9' not found, try pulling it first|NOT_FOUND|false",
            "400|invalid options|INVALID_REQUEST|false",
            "500|input length exceeds the context length|CONTEXT_LENGTH_EXCEEDED|false",
            "500|llama runner process has terminated|UPSTREAM_ERROR|true",
            "503|server busy|UNAVAILABLE|true",
            "429|too many requests|RATE_LIMITED|true" })
    void mapsErrorRepliesIntoTheSharedTaxonomy(int status, String message, ErrorKind kind, boolean retryable) {
        GatewayException failure = OllamaApi.failure("llama", status, message, null);

        assertThat(failure.kind()).isEqualTo(kind);
        assertThat(failure.kind().retryable()).isEqualTo(retryable);
    }

    private JsonNode fixture(String name) throws IOException {
        return json.readTree(fixtureBytes(name));
    }

    private static byte[] fixtureBytes(String name) throws IOException {
        try (InputStream in = OllamaMapperTest.class.getResourceAsStream("/fixtures/ollama/" + name)) {
            return in.readAllBytes();
        }
    }
}
