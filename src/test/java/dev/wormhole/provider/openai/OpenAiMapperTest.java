package dev.wormhole.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.ChatMessage;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.ChatResult;
import dev.wormhole.core.ContentPart;
import dev.wormhole.core.FinishReason;
import dev.wormhole.core.ResponseFormat;
import dev.wormhole.core.Role;
import dev.wormhole.core.ToolCall;
import dev.wormhole.core.ToolChoice;
import dev.wormhole.core.ToolDefinition;
import dev.wormhole.core.Usage;
import dev.wormhole.provider.openai.wire.ChatCompletion;
import dev.wormhole.provider.openai.wire.ChatCompletionChunk;

/** The OpenAI mapper against golden wire files. */
class OpenAiMapperTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void writesTheGoldenStreamingRequest() throws IOException {
        ChatRequest request = new ChatRequest("gpt-4o-mini",
                List.of(ChatMessage.text(Role.SYSTEM, "Be brief"),
                        new ChatMessage(Role.USER, List.of(new ContentPart.Text("What is in this picture?"),
                                new ContentPart.Image("https://example.com/cat.png", "low")), null, List.of(), null),
                        new ChatMessage(Role.ASSISTANT, List.of(), null,
                                List.of(new ToolCall("call_1", "lookup", "{\"q\":\"cat\"}")), null),
                        new ChatMessage(Role.TOOL, List.of(new ContentPart.Text("a cat")), null, List.of(), "call_1")),
                0.5, null, 100, null, List.of("END"), 42L, null, null,
                List.of(new ToolDefinition("lookup", "Search",
                        Map.of("type", "object", "properties", Map.of("q", Map.of("type", "string"))), true)),
                ToolChoice.named("lookup"), null,
                new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "answer", Map.of("type", "object"), true),
                null, null, Map.of("logprobs", true, "metadata", Map.of("team", "search")));

        JsonNode written = json.readTree(json.writeValueAsString(OpenAiMapper.toWire(request, true)));

        assertThat(written).isEqualTo(fixture("chat-request.json"));
    }

    @Test
    void readsTheGoldenToolCallCompletion() throws IOException {
        ChatCompletion wire = json.treeToValue(fixture("chat-completion-tool-call.json"), ChatCompletion.class);

        ChatResult result = OpenAiMapper.fromWire(wire, "gpt-4o-mini");

        assertThat(result.id()).isEqualTo("chatcmpl-abc");
        assertThat(result.model()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(result.systemFingerprint()).isEqualTo("fp_1");
        assertThat(result.choices()).singleElement().satisfies(c -> {
            assertThat(c.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
            assertThat(c.message().content()).isEmpty();
            assertThat(c.message().toolCalls()).containsExactly(new ToolCall("call_9", "lookup", "{\"q\":\"dog\"}"));
        });
        assertThat(result.usage()).isEqualTo(new Usage(50, 10, 20, 4));
    }

    @Test
    void readsTheGoldenToolCallChunk() throws IOException {
        ChatCompletionChunk wire = json.treeToValue(fixture("chat-chunk-tool-call.json"), ChatCompletionChunk.class);

        ChatDelta delta = OpenAiMapper.fromWire(wire, "gpt-4o-mini");

        assertThat(delta.usage()).isNull();
        assertThat(delta.choices()).singleElement().satisfies(c -> {
            assertThat(c.role()).isEqualTo(Role.ASSISTANT);
            assertThat(c.content()).isNull();
            assertThat(c.toolCalls()).containsExactly(new ChatDelta.ToolCallDelta(1, "call_9", "lookup", ""));
        });
    }

    @Test
    void readsOpenRouterPricesAndContextFromItsModelList() throws IOException {
        dev.wormhole.provider.openai.wire.ModelList list = json.treeToValue(fixture("openrouter-models.json"),
                dev.wormhole.provider.openai.wire.ModelList.class);

        List<dev.wormhole.core.ModelInfo> models = OpenAiMapper.fromWire(list, "openrouter");

        assertThat(models.get(0).qualifiedId()).isEqualTo("openrouter/anthropic/claude-sonnet-4");
        assertThat(models.get(0).displayName()).isEqualTo("Anthropic: Claude Sonnet 4");
        assertThat(models.get(0).contextWindow()).isEqualTo(200000);
        assertThat(models.get(0).maxOutputTokens()).isEqualTo(64000);
        assertThat(models.get(0).inputPrice()).isEqualTo(3.0);
        assertThat(models.get(0).outputPrice()).isEqualTo(15.0);
        assertThat(models.get(1).inputPrice()).isEqualTo(0.0);
        assertThat(models.get(1).maxOutputTokens()).isNull();
    }

    @Test
    void mapsFinishReasons() {
        assertThat(OpenAiMapper.finishReason("stop")).isEqualTo(FinishReason.STOP);
        assertThat(OpenAiMapper.finishReason("length")).isEqualTo(FinishReason.LENGTH);
        assertThat(OpenAiMapper.finishReason("tool_calls")).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(OpenAiMapper.finishReason("function_call")).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(OpenAiMapper.finishReason("content_filter")).isEqualTo(FinishReason.CONTENT_FILTER);
        assertThat(OpenAiMapper.finishReason(null)).isNull();
    }

    private JsonNode fixture(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/fixtures/openai/" + name)) {
            return json.readTree(in);
        }
    }
}
