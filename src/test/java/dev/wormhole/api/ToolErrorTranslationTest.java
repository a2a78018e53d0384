package dev.wormhole.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.api.dto.MessagesRequest;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.GatewayException;
import dev.wormhole.provider.anthropic.AnthropicWireDialect;
import dev.wormhole.provider.gemini.GeminiWireDialect;
import dev.wormhole.provider.ollama.OllamaWireDialect;
import dev.wormhole.provider.openai.OpenAiWireDialect;
import dev.wormhole.testing.WireDialect;

/**
 * A Messages {@code tool_result} with {@code is_error: true} reaches every upstream dialect as a failed result:
 * Anthropic's own flag, Gemini's {@code error} response key, and an {@code Error: } lead where the dialect has no
 * flag (OpenAI Chat Completions, the Responses API, Ollama) — never dropped.
 */
class ToolErrorTranslationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, WireDialect> DIALECTS = Map.of(
            "anthropic", new AnthropicWireDialect(),
            "openai", new OpenAiWireDialect(false),
            "openai-responses", new OpenAiWireDialect(true),
            "gemini", new GeminiWireDialect(),
            "ollama", new OllamaWireDialect());

    @AfterAll
    static void close() {
        DIALECTS.values().forEach(WireDialect::close);
    }

    @Test
    void anthropicKeepsTheFlag() throws IOException {
        JsonNode result = upstream("anthropic", true).at("/messages/2/content/0");

        assertThat(result.get("type").asText()).isEqualTo("tool_result");
        assertThat(result.get("is_error").asBoolean()).isTrue();
        assertThat(result.get("content").asText()).isEqualTo("no such city");
        assertThat(upstream("anthropic", false).at("/messages/2/content/0").has("is_error")).isFalse();
    }

    @Test
    void geminiAnswersUnderTheErrorKey() throws IOException {
        JsonNode response = upstream("gemini", true).at("/contents/2/parts/0/functionResponse/response");

        assertThat(response.get("error").asText()).isEqualTo("no such city");
        assertThat(response.has("result")).isFalse();
        assertThat(upstream("gemini", false).at("/contents/2/parts/0/functionResponse/response/result").asText())
                .isEqualTo("no such city");
    }

    @Test
    void openAiChatLeadsTheToolMessageWithError() throws IOException {
        assertThat(upstream("openai", true).at("/messages/2/content").asText()).isEqualTo("Error: no such city");
        assertThat(upstream("openai", false).at("/messages/2/content").asText()).isEqualTo("no such city");
    }

    @Test
    void responsesApiLeadsTheFunctionCallOutputWithError() throws IOException {
        JsonNode output = upstream("openai-responses", true).at("/input/2");

        assertThat(output.get("type").asText()).isEqualTo("function_call_output");
        assertThat(output.get("output").asText()).isEqualTo("Error: no such city");
    }

    @Test
    void ollamaLeadsTheToolMessageWithError() throws IOException {
        assertThat(upstream("ollama", true).at("/messages/2/content").asText()).isEqualTo("Error: no such city");
    }

    @Test
    void refusesAFlagThatIsNotABoolean() {
        assertThatThrownBy(() -> core("\"yes\"")).isInstanceOf(GatewayException.class)
                .hasMessageContaining("messages[2].content[0].is_error must be a boolean");
    }

    private static JsonNode upstream(String dialect, boolean failed) throws IOException {
        return DIALECTS.get(dialect).request(core(String.valueOf(failed)), false);
    }

    private static ChatRequest core(String isError) throws IOException {
        String body = """
                {"model": "weather", "max_tokens": 100, "messages": [
                  {"role": "user", "content": "Weather in Atlantis?"},
                  {"role": "assistant", "content": [
                    {"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": {"city": "Atlantis"}}]},
                  {"role": "user", "content": [
                    {"type": "tool_result", "tool_use_id": "toolu_1", "is_error": %s, "content": "no such city"}]}
                ], "tools": [{"name": "get_weather", "input_schema": {"type": "object"}}]}
                """.formatted(isError);
        return MessagesRequestMapper.toCore(StrictJson.strict(JSON).readValue(body, MessagesRequest.class), 1 << 20);
    }
}
