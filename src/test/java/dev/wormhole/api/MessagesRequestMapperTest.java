package dev.wormhole.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.api.dto.MessagesRequest;
import dev.wormhole.core.ChatMessage;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.ContentPart;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.Role;
import dev.wormhole.core.ToolCall;
import dev.wormhole.core.ToolChoice;
import dev.wormhole.core.ToolDefinition;

/** Anthropic Messages requests, as the SDKs and Claude Code send them, read into the core model. */
class MessagesRequestMapperTest {

    private static final long MAX_IMAGE = 1 << 20;
    private final ObjectMapper json = StrictJson.strict(new ObjectMapper());

    @Test
    void readsTheGoldenRequestIntoTheCoreModel() throws IOException {
        ChatRequest core = MessagesRequestMapper.toCore(fixture("messages-request.json"), MAX_IMAGE);

        ChatRequest expected = new ChatRequest("openai/gpt-4o-mini", List.of(
                new ChatMessage(Role.SYSTEM, List.of(new ContentPart.Text("You are a coding agent."),
                        new ContentPart.Text("Be brief.")), null, List.of(), null),
                new ChatMessage(Role.USER, List.of(new ContentPart.Text("What is in this picture?"),
                        new ContentPart.Image("data:image/png;base64,iVBORw0KGgo=", null),
                        new ContentPart.Image("https://example.com/cat.png", null)), null, List.of(), null),
                new ChatMessage(Role.ASSISTANT, List.of(new ContentPart.Thinking("A cat, probably.", "sig-1", null),
                        new ContentPart.Thinking(null, null, "opaque"), new ContentPart.Text("Let me look.")), null,
                        List.of(new ToolCall("toolu_1", "lookup", "{\"q\":\"cat\"}"),
                                new ToolCall("toolu_2", "lookup", "{\"q\":\"dog\"}")), null),
                new ChatMessage(Role.TOOL, List.of(new ContentPart.Text("a cat")), null, List.of(), "toolu_1"),
                new ChatMessage(Role.TOOL, List.of(new ContentPart.Text("not found")), null, List.of(), "toolu_2",
                        true),
                ChatMessage.text(Role.USER, "Thanks"),
                ChatMessage.text(Role.ASSISTANT, "You are welcome."),
                ChatMessage.text(Role.USER, "Again?")),
                0.5, 0.9, 8192, null, List.of("END"), null, null, null,
                List.of(new ToolDefinition("lookup", "Search",
                        Map.of("type", "object", "properties", Map.of("q", Map.of("type", "string"))), null)),
                ToolChoice.REQUIRED, false, null, "medium", "user-7", Map.of("top_k", 40));
        assertThat(core).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({ "1024, low", "1025, medium", "4096, medium", "4097, high", "30000, high" })
    void mapsAThinkingBudgetToTheEffortWhoseBudgetCoversIt(int budget, String effort) {
        assertThat(MessagesRequestMapper.reasoningEffort(json.valueToTree(Map.of("type", "enabled",
                "budget_tokens", budget)), null, 64000)).isEqualTo(effort);
    }

    @ParameterizedTest
    @CsvSource({ "low, low", "medium, medium", "high, high", "xhigh, high", "max, high" })
    void takesAdaptiveThinkingsEffortFromTheOutputConfig(String requested, String effort) {
        assertThat(MessagesRequestMapper.reasoningEffort(json.valueToTree(Map.of("type", "adaptive")),
                json.valueToTree(Map.of("effort", requested)), 64000)).isEqualTo(effort);
    }

    @Test
    void leavesTheEffortToTheModelForAdaptiveThinkingWithoutOne() {
        assertThat(MessagesRequestMapper.reasoningEffort(json.valueToTree(Map.of("type", "adaptive")), null, 100))
                .isNull();
    }

    @Test
    void readsDisabledThinkingAsNoEffort() {
        assertThat(MessagesRequestMapper.reasoningEffort(json.valueToTree(Map.of("type", "disabled")),
                json.valueToTree(Map.of("effort", "high")), 100)).isNull();
    }

    @Test
    void mapsEachToolChoice() throws IOException {
        String tools = ",\"tools\":[{\"name\":\"lookup\",\"input_schema\":{\"type\":\"object\"}}]";
        assertThat(choice("{\"type\":\"auto\"}" + tools)).isEqualTo(ToolChoice.AUTO);
        assertThat(choice("{\"type\":\"none\"}" + tools)).isEqualTo(ToolChoice.NONE);
        assertThat(choice("{\"type\":\"any\"}" + tools)).isEqualTo(ToolChoice.REQUIRED);
        assertThat(choice("{\"type\":\"tool\",\"name\":\"lookup\"}" + tools)).isEqualTo(ToolChoice.named("lookup"));
    }

    @Test
    void refusesAnUnknownTopLevelFieldNamingIt() {
        assertThatThrownBy(() -> MessagesRequestMapper.toCore(parse("{\"model\":\"m\",\"max_tokens\":5,\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"hi\"}],\"seed\":1}"), MAX_IMAGE))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.param()).contains("seed"));
    }

    @Test
    void refusesAToolChoiceNamingAnUndeclaredTool() {
        assertThatThrownBy(() -> choice("{\"type\":\"tool\",\"name\":\"ghost\"}"))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.param()).contains("tool_choice"));
    }

    @Test
    void readsASystemTurnInsideTheConversationAndRefusesAnUnknownRole() throws Exception {
        // Claude Code sends system turns mid-conversation (its mid-conversation-system beta).
        ChatRequest request = MessagesRequestMapper.toCore(parse("{\"model\":\"m\",\"max_tokens\":5,\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"system\",\"content\":[{\"type\":\"text\","
                + "\"text\":\"be brief\"}]},{\"role\":\"user\",\"content\":\"more\"}]}"), MAX_IMAGE);
        assertThat(request.messages()).extracting(ChatMessage::role).containsExactly(Role.USER, Role.SYSTEM, Role.USER);
        assertThat(request.messages().get(1).content()).containsExactly(new ContentPart.Text("be brief"));

        assertThatThrownBy(() -> MessagesRequestMapper.toCore(parse("{\"model\":\"m\",\"max_tokens\":5,\"messages\":"
                + "[{\"role\":\"tool\",\"content\":\"hi\"}]}"), MAX_IMAGE))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.param()).contains("messages[0].role"));
    }

    @Test
    void refusesAnImageWithAnUnsupportedMediaType() {
        assertThatThrownBy(() -> MessagesRequestMapper.toCore(parse("{\"model\":\"m\",\"max_tokens\":5,\"messages\":"
                + "[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"base64\","
                + "\"media_type\":\"image/tiff\",\"data\":\"AAAA\"}}]}]}"), MAX_IMAGE))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.param()).contains("messages[0].content[0].source"));
    }

    private ToolChoice choice(String choiceAndTools) throws IOException {
        return MessagesRequestMapper.toCore(parse("{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}],\"tool_choice\":" + choiceAndTools + "}"), MAX_IMAGE).toolChoice();
    }

    private MessagesRequest parse(String body) throws IOException {
        return json.readValue(body, MessagesRequest.class);
    }

    private MessagesRequest fixture(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/fixtures/messages-inbound/" + name)) {
            return json.readValue(in, MessagesRequest.class);
        }
    }
}
