package dev.wormhole.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

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
import dev.wormhole.provider.gemini.wire.GenerateContentResponse;
import dev.wormhole.provider.gemini.wire.WireError;

/** The Gemini mapper, schema translation and stream translation against golden wire files. */
class GeminiMapperTest {

    private final ObjectMapper json = new ObjectMapper();
    private final Supplier<String> ids = () -> "call_fixed";

    @Test
    void writesTheGoldenRequestReplayingTheThoughtSignature() throws IOException {
        String callId = "call_a" + GeminiMapper.SIGNATURE_SEPARATOR + "c2lnMQ==";
        ChatRequest request = new ChatRequest("gemini-2.5-flash",
                List.of(ChatMessage.text(Role.SYSTEM, "Be brief"),
                        new ChatMessage(Role.USER, List.of(new ContentPart.Text("What is this?"),
                                new ContentPart.Image("data:image/png;base64,iVBORw0KGgo=", null)), null, List.of(), null),
                        new ChatMessage(Role.ASSISTANT, List.of(), null,
                                List.of(new ToolCall(callId, "lookup", "{\"q\":\"cat\"}")), null),
                        new ChatMessage(Role.TOOL, List.of(new ContentPart.Text("{\"found\":true}")), null, List.of(),
                                callId),
                        ChatMessage.text(Role.USER, "Thanks")),
                0.3, 0.9, 256, null, List.of("END"), 7L, null, 0.1,
                List.of(new ToolDefinition("lookup", "Search", Map.of("type", "object", "properties",
                        Map.of("q", Map.of("type", List.of("string", "null"))), "required", List.of("q"),
                        "additionalProperties", false), null)),
                ToolChoice.named("lookup"), null, null, "low", null, Map.of("top_k", 20));

        JsonNode written = json.readTree(json.writeValueAsString(GeminiMapper.toWire(request, json)));

        assertThat(written).isEqualTo(fixture("generate-request.json"));
    }

    @Test
    void readsTheGoldenFunctionCallCarryingItsSignatureInTheId() throws IOException {
        GenerateContentResponse wire = json.treeToValue(fixture("generate-function-call.json"),
                GenerateContentResponse.class);

        ChatResult result = GeminiMapper.fromWire(wire, "gemini-2.5-flash", 9L, ids, json);

        assertThat(result.id()).isEqualTo("resp-1");
        assertThat(result.model()).isEqualTo("gemini-2.5-flash");
        assertThat(result.choices()).singleElement().satisfies(c -> {
            assertThat(c.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
            assertThat(c.message().text()).isEqualTo("Let me look.");
            assertThat(c.message().toolCalls()).containsExactly(new ToolCall(
                    "call_fixed" + GeminiMapper.SIGNATURE_SEPARATOR + "c2lnMg", "lookup", "{\"q\":\"dog\"}"));
        });
        // Thinking tokens are part of the completion and reported as reasoning.
        assertThat(result.usage()).isEqualTo(new Usage(40, 20, 8, 8));
    }

    @Test
    void carriesASignatureInACallIdOfAnthropicsToolUseAlphabetAndReplaysItExactly() throws IOException {
        GenerateContentResponse reply = json.readValue("{\"candidates\":[{\"content\":{\"role\":\"model\","
                + "\"parts\":[{\"functionCall\":{\"name\":\"lookup\",\"args\":{}},\"thoughtSignature\":\"ab+/c9==\"}]},"
                + "\"finishReason\":\"STOP\"}]}", GenerateContentResponse.class);

        ToolCall call = GeminiMapper.fromWire(reply, "gemini-2.5-flash", 1L, ids, json).choices().get(0).message()
                .toolCalls().get(0);
        JsonNode replayed = json.valueToTree(GeminiMapper.toWire(ChatRequest.of("gemini-2.5-flash", List.of(
                ChatMessage.text(Role.USER, "Look."), new ChatMessage(Role.ASSISTANT, List.of(), null, List.of(call), null),
                new ChatMessage(Role.TOOL, List.of(new ContentPart.Text("{}")), null, List.of(), call.id()))), json));

        assertThat(call.id()).matches("[A-Za-z0-9_-]+").startsWith("call_fixed" + GeminiMapper.SIGNATURE_SEPARATOR);
        assertThat(replayed.at("/contents/1/parts/0/thoughtSignature").asText()).isEqualTo("ab+/c9==");
    }

    @Test
    void translatesTheGoldenStreamFedInSplitFrames() throws IOException {
        byte[] sse = fixtureBytes("stream-function-call.sse");
        SseDecoder decoder = new SseDecoder(1 << 20);
        List<SseDecoder.Event> events = new ArrayList<>();
        for (int at = 0; at < sse.length; at += 5) {
            events.addAll(decoder.feed(Arrays.copyOfRange(sse, at, Math.min(sse.length, at + 5))));
        }
        events.addAll(decoder.finish());
        GeminiStream stream = new GeminiStream("gemini-2.5-flash", 3L, ids, json);
        List<ChatDelta> deltas = new ArrayList<>();
        for (SseDecoder.Event event : events) {
            assertThat(stream.finished()).isFalse();
            deltas.addAll(stream.onChunk(json.readValue(event.data(), GenerateContentResponse.class)));
        }

        assertThat(stream.finished()).isTrue();
        assertThat(deltas).hasSize(3).allSatisfy(d -> assertThat(d.id()).isEqualTo("r2"));
        assertThat(deltas.get(0).choices().get(0).role()).isEqualTo(Role.ASSISTANT);
        assertThat(deltas.get(0).choices().get(0).content()).isEqualTo("Hel");
        assertThat(deltas.get(1).choices().get(0).content()).isEqualTo("lo");
        assertThat(deltas.get(2).choices().get(0).toolCalls()).containsExactly(new ChatDelta.ToolCallDelta(0,
                "call_fixed" + GeminiMapper.SIGNATURE_SEPARATOR + "c2ln", "get_weather", "{\"city\":\"Paris\"}"));
        assertThat(deltas.get(2).choices().get(0).finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(stream.usageDelta()).get().satisfies(d -> {
            assertThat(d.choices()).isEmpty();
            assertThat(d.usage()).isEqualTo(new Usage(10, 9, 0, 0));
        });
    }

    @Test
    void translatesJsonSchemaIntoGeminisSubset() {
        Map<String, Object> schema = Map.of("type", "object", "$defs", Map.of("city", Map.of("type", "object",
                "properties", Map.of("name", Map.of("type", "string", "minLength", 1)))),
                "properties", Map.of(
                        "home", Map.of("$ref", "#/$defs/city"),
                        "kind", Map.of("const", "trip"),
                        "legs", Map.of("type", "array", "items", Map.of("oneOf", List.of(Map.of("type", "string"),
                                Map.of("type", "integer"))), "maxItems", 3),
                        "note", Map.of("type", List.of("string", "integer", "null"), "default", "x")),
                "additionalProperties", false, "$schema", "https://json-schema.org/draft/2020-12/schema");

        Map<String, Object> translated = GeminiSchema.translate(schema, "response_format.json_schema.schema");

        assertThat((JsonNode) json.valueToTree(translated)).isEqualTo((JsonNode) json.valueToTree(Map.of("type", "OBJECT", "properties", Map.of(
                "home", Map.of("type", "OBJECT", "properties", Map.of("name", Map.of("type", "STRING", "minLength", 1))),
                "kind", Map.of("enum", List.of("trip")),
                "legs", Map.of("type", "ARRAY", "maxItems", 3, "items", Map.of("anyOf", List.of(Map.of("type", "STRING"),
                        Map.of("type", "INTEGER")))),
                "note", Map.of("nullable", true, "anyOf", List.of(Map.of("type", "STRING"), Map.of("type", "INTEGER")))))));
    }

    @Test
    void refusesRecursiveAndRemoteReferences() {
        Map<String, Object> recursive = Map.of("type", "object", "$defs", Map.of("node", Map.of("type", "object",
                "properties", Map.of("next", Map.of("$ref", "#/$defs/node")))), "properties",
                Map.of("root", Map.of("$ref", "#/$defs/node")));
        Map<String, Object> remote = Map.of("type", "object", "properties",
                Map.of("x", Map.of("$ref", "https://example.com/schema.json")));

        assertThatThrownBy(() -> GeminiSchema.translate(recursive, "p")).isInstanceOf(GatewayException.class)
                .hasMessageContaining("recursive");
        assertThatThrownBy(() -> GeminiSchema.translate(remote, "p")).isInstanceOf(GatewayException.class)
                .hasMessageContaining("not a local definition");
    }

    @Test
    void asksForJsonWithTheSchemaForStructuredOutput() {
        ChatRequest request = new ChatRequest("gemini-2.5-flash", List.of(ChatMessage.text(Role.USER, "Name a city")),
                null, null, null, 2, null, null, null, null, null, null, null,
                new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "city", Map.of("type", "object", "properties",
                        Map.of("name", Map.of("type", "string"))), true), null, null, null);

        JsonNode written = json.valueToTree(GeminiMapper.toWire(request, json));

        assertThat(written.at("/generationConfig/responseMimeType").asText()).isEqualTo("application/json");
        assertThat(written.at("/generationConfig/responseSchema/properties/name/type").asText()).isEqualTo("STRING");
        assertThat(written.at("/generationConfig/candidateCount").asInt()).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource({ "true", "false" })
    void acceptsParallelToolCallsWithoutSendingThem(boolean parallel) {
        ChatRequest request = new ChatRequest("gemini-2.5-flash", List.of(ChatMessage.text(Role.USER, "hi")), null, null,
                null, null, null, null, null, null, List.of(new ToolDefinition("t", null, null, null)), null, parallel,
                null, null, null, null);

        JsonNode written = json.valueToTree(GeminiMapper.toWire(request, json));

        assertThat(written.toString()).doesNotContain("parallel");
        assertThat(written.at("/tools/0/functionDeclarations/0/name").asText()).isEqualTo("t");
    }

    @ParameterizedTest
    @CsvSource({ "logprobs", "reasoning_effort" })
    void refusesWhatGeminiCannotHonourNamingTheParameter(String param) {
        ChatRequest request = new ChatRequest("gemini-2.5-flash", List.of(ChatMessage.text(Role.USER, "hi")), null, null,
                null, null, null, null, null, null, null, null, null, null,
                param.equals("reasoning_effort") ? "extreme" : null, null,
                param.equals("logprobs") ? Map.of("logprobs", true) : null);

        assertThatThrownBy(() -> GeminiMapper.toWire(request, json)).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.param()).contains(param));
    }

    @Test
    void refusesImagesByUrlSinceTheGatewayDoesNotFetchThem() {
        ChatRequest request = ChatRequest.of("gemini-2.5-flash", List.of(new ChatMessage(Role.USER,
                List.of(new ContentPart.Image("https://example.com/cat.png", null)), null, List.of(), null)));

        assertThatThrownBy(() -> GeminiMapper.toWire(request, json)).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.param()).contains("messages[0]"));
    }

    @Test
    void reportsABlockedPromptAsAContentFilterFailure() throws IOException {
        GenerateContentResponse blocked = json.readValue("{\"promptFeedback\":{\"blockReason\":\"SAFETY\"}}",
                GenerateContentResponse.class);

        assertThatThrownBy(() -> GeminiMapper.fromWire(blocked, "gemini-2.5-flash", 1L, ids, json))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_FILTERED));
    }

    @ParameterizedTest
    @CsvSource({ "STOP,false,STOP", "STOP,true,TOOL_CALLS", "MAX_TOKENS,false,LENGTH", "SAFETY,false,CONTENT_FILTER",
            "RECITATION,false,CONTENT_FILTER", "PROHIBITED_CONTENT,false,CONTENT_FILTER", "OTHER,false,STOP" })
    void mapsFinishReasons(String reason, boolean calledTools, FinishReason expected) {
        assertThat(GeminiMapper.finishReason(reason, calledTools)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "400|INVALID_ARGUMENT|Invalid value at 'contents'|INVALID_REQUEST|false",
            "400|INVALID_ARGUMENT|The input token count (1200000) exceeds the maximum number of tokens allowed (1048576)."
                    + "|CONTEXT_LENGTH_EXCEEDED|false",
            "403|PERMISSION_DENIED|Method doesn't allow unregistered callers|PERMISSION_DENIED|false",
            "404|NOT_FOUND|models/gemini-9 is not found|NOT_FOUND|false",
            "429|RESOURCE_EXHAUSTED|Resource has been exhausted|RATE_LIMITED|true",
            "500|INTERNAL|An internal error has occurred|UPSTREAM_ERROR|true",
            "503|UNAVAILABLE|The model is overloaded|UNAVAILABLE|true",
            "504|DEADLINE_EXCEEDED|Deadline expired|UPSTREAM_TIMEOUT|true" })
    void mapsErrorRepliesIntoTheSharedTaxonomy(int status, String grpcStatus, String message, ErrorKind kind,
            boolean retryable) {
        GatewayException failure = GeminiApi.failure("gemini", status, new WireError(status, message, grpcStatus, null),
                null);

        assertThat(failure.kind()).isEqualTo(kind);
        assertThat(failure.kind().retryable()).isEqualTo(retryable);
    }

    @Test
    void takesTheRetryDelayFromGooglesRetryInfo() {
        WireError exhausted = new WireError(429, "Quota exceeded", "RESOURCE_EXHAUSTED", List.of(
                Map.of("@type", "type.googleapis.com/google.rpc.QuotaFailure"),
                Map.of("@type", "type.googleapis.com/google.rpc.RetryInfo", "retryDelay", "37s")));

        assertThat(GeminiApi.failure("gemini", 429, exhausted, null).retryAfter()).contains(Duration.ofSeconds(37));
        assertThat(GeminiApi.failure("gemini", 429, exhausted, Duration.ofSeconds(2)).retryAfter())
                .contains(Duration.ofSeconds(2));
    }

    private JsonNode fixture(String name) throws IOException {
        return json.readTree(fixtureBytes(name));
    }

    private static byte[] fixtureBytes(String name) throws IOException {
        try (InputStream in = GeminiMapperTest.class.getResourceAsStream("/fixtures/gemini/" + name)) {
            return in.readAllBytes();
        }
    }
}
