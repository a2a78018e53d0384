package dev.wormhole.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.api.dto.ResponseCreateRequest;
import dev.wormhole.core.ChatMessage;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.ContentPart;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.ResponseFormat;
import dev.wormhole.core.Role;
import dev.wormhole.core.ToolCall;
import dev.wormhole.core.ToolChoice;

class ResponsesRequestMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_IMAGE = 1024;

    @Test
    void readsAStringInputAsOneUserMessageAfterTheInstructions() throws Exception {
        ChatRequest request = map("{\"model\":\"m\",\"instructions\":\"Be brief.\",\"input\":\"Hello\","
                + "\"max_output_tokens\":64,\"temperature\":0.5,\"top_p\":0.9,\"user\":\"u-1\","
                + "\"reasoning\":{\"effort\":\"low\",\"summary\":\"auto\"},\"store\":false,"
                + "\"include\":[\"reasoning.encrypted_content\"],\"metadata\":{\"k\":\"v\"}}");

        assertThat(request.messages()).containsExactly(ChatMessage.text(Role.SYSTEM, "Be brief."),
                ChatMessage.text(Role.USER, "Hello"));
        assertThat(request.maxTokens()).isEqualTo(64);
        assertThat(request.temperature()).isEqualTo(0.5);
        assertThat(request.topP()).isEqualTo(0.9);
        assertThat(request.reasoningEffort()).isEqualTo("low");
        assertThat(request.user()).isEqualTo("u-1");
        assertThat(request.extensions()).isEmpty();
    }

    @Test
    void mergesFunctionCallsIntoOneAssistantTurnAndOutputsIntoToolMessages() throws Exception {
        ChatRequest request = map("{\"model\":\"m\",\"input\":["
                + "{\"role\":\"developer\",\"content\":[{\"type\":\"input_text\",\"text\":\"Use tools.\"}]},"
                + "{\"type\":\"message\",\"role\":\"user\",\"content\":\"Weather in Paris and Rome?\"},"
                + "{\"type\":\"reasoning\",\"id\":\"rs_1\",\"summary\":[]},"
                + "{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\","
                + "\"text\":\"Checking.\",\"annotations\":[]}]},"
                + "{\"type\":\"function_call\",\"call_id\":\"c1\",\"name\":\"w\",\"arguments\":\"{\\\"c\\\":\\\"Paris\\\"}\"},"
                + "{\"type\":\"function_call\",\"call_id\":\"c2\",\"name\":\"w\",\"arguments\":\"{}\",\"status\":\"completed\"},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"c1\",\"output\":\"sunny\"},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"c2\",\"output\":[{\"type\":\"input_text\",\"text\":\"rain\"}]}]}");

        List<ChatMessage> messages = request.messages();
        assertThat(messages).extracting(ChatMessage::role).containsExactly(Role.DEVELOPER, Role.USER, Role.ASSISTANT,
                Role.TOOL, Role.TOOL);
        assertThat(messages.get(2).text()).isEqualTo("Checking.");
        assertThat(messages.get(2).toolCalls()).containsExactly(new ToolCall("c1", "w", "{\"c\":\"Paris\"}"),
                new ToolCall("c2", "w", "{}"));
        assertThat(messages.get(3).toolCallId()).isEqualTo("c1");
        assertThat(messages.get(4).text()).isEqualTo("rain");
    }

    @Test
    void givesTheGatewaysReasoningItemsBackToTheAssistantTurnAfterThemAsSignedOrRedactedThinking() throws Exception {
        ChatRequest request = map("{\"model\":\"m\",\"input\":["
                + "{\"role\":\"user\",\"content\":\"List the files.\"},"
                + "{\"type\":\"reasoning\",\"id\":\"rs_1\",\"summary\":[{\"type\":\"summary_text\",\"text\":\"Run \"},"
                + "{\"type\":\"summary_text\",\"text\":\"ls.\"}],"
                + "\"encrypted_content\":\"wormhole.thinking.v1:signature:sig+/=\"},"
                + "{\"type\":\"reasoning\",\"id\":\"rs_2\",\"summary\":[],"
                + "\"encrypted_content\":\"wormhole.thinking.v1:redacted:opaque\"},"
                + "{\"type\":\"reasoning\",\"id\":\"rs_3\",\"summary\":[],\"encrypted_content\":\"gAAAAABopenai\"},"
                + "{\"type\":\"function_call\",\"call_id\":\"c1\",\"name\":\"shell\",\"arguments\":\"{}\"},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"c1\",\"output\":\"a.txt\"},"
                + "{\"type\":\"reasoning\",\"id\":\"rs_4\",\"summary\":[{\"type\":\"summary_text\",\"text\":\"Done.\"}],"
                + "\"encrypted_content\":\"wormhole.thinking.v1:signature:sig-4\"},"
                + "{\"role\":\"user\",\"content\":\"Thanks.\"}]}");

        List<ChatMessage> messages = request.messages();
        assertThat(messages).extracting(ChatMessage::role).containsExactly(Role.USER, Role.ASSISTANT, Role.TOOL,
                Role.USER);
        assertThat(messages.get(1).content()).containsExactly(new ContentPart.Thinking("Run ls.", "sig+/=", null),
                new ContentPart.Thinking(null, null, "opaque"));
        assertThat(messages.get(1).toolCalls()).containsExactly(new ToolCall("c1", "shell", "{}"));
        assertThat(messages.get(3).content()).containsExactly(new ContentPart.Text("Thanks."));
    }

    @Test
    void refusesAReasoningItemWhoseEncryptedContentIsNotAString() {
        assertThatThrownBy(() -> map("{\"model\":\"m\",\"input\":[{\"type\":\"reasoning\",\"summary\":[],"
                + "\"encrypted_content\":5},{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.param()).contains("input[0].encrypted_content"));
    }

    @Test
    void readsImagesToolsChoiceAndJsonSchemaFormat() throws Exception {
        ChatRequest request = map("{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"input_text\",\"text\":\"What is this?\"},"
                + "{\"type\":\"input_image\",\"image_url\":\"https://example.com/a.png\",\"detail\":\"low\"}]}],"
                + "\"tools\":[{\"type\":\"function\",\"name\":\"look\",\"description\":\"Look\","
                + "\"parameters\":{\"type\":\"object\",\"properties\":{}},\"strict\":true}],"
                + "\"tool_choice\":{\"type\":\"function\",\"name\":\"look\"},\"parallel_tool_calls\":false,"
                + "\"text\":{\"format\":{\"type\":\"json_schema\",\"name\":\"answer\","
                + "\"schema\":{\"type\":\"object\"},\"strict\":true}}}");

        assertThat(request.messages().get(0).content()).containsExactly(new ContentPart.Text("What is this?"),
                new ContentPart.Image("https://example.com/a.png", "low"));
        assertThat(request.tools()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("look");
            assertThat(t.strict()).isTrue();
        });
        assertThat(request.toolChoice()).isEqualTo(ToolChoice.named("look"));
        assertThat(request.parallelToolCalls()).isFalse();
        assertThat(request.responseFormat().type()).isEqualTo(ResponseFormat.Type.JSON_SCHEMA);
        assertThat(request.responseFormat().schemaName()).isEqualTo("answer");
        assertThat(request.responseFormat().strict()).isTrue();
    }

    @Test
    void refusesWhatItCannotHonourNamingTheField() {
        assertRefused("{\"model\":\"m\",\"input\":\"hi\",\"tools\":[{\"type\":\"function\",\"name\":\"f\","
                + "\"function\":{}}]}", "tools[0].function");
        assertRefused("{\"model\":\"m\",\"input\":\"hi\",\"tools\":[{\"type\":\"function\",\"name\":\"f\"},"
                + "{\"type\":\"function\",\"name\":\"f\"}]}", "tools[1].name");
        assertRefused("{\"model\":\"m\",\"input\":\"hi\",\"tool_choice\":\"required\"}", "tool_choice");
        assertRefused("{\"model\":\"m\",\"input\":[{\"role\":\"tool\",\"content\":\"x\"}]}", "input[0].role");
        assertRefused("{\"model\":\"m\",\"input\":[{\"role\":\"assistant\",\"content\":[{\"type\":\"input_image\","
                + "\"image_url\":\"https://example.com/a.png\"}]}]}", "input[0].content[0]");
        assertRefused("{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_image\","
                + "\"image_url\":\"ftp://example.com/a.png\"}]}]}", "input[0].content[0].image_url");
        assertRefused("{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_file\","
                + "\"file_id\":\"f\"}]}]}", "input[0].content[0].type");
        assertRefused("{\"model\":\"m\",\"input\":[{\"type\":\"function_call_output\",\"output\":\"x\"}]}",
                "input[0].call_id");
        assertRefused("{\"model\":\"m\",\"input\":[]}", "input");
        assertRefused("{\"model\":\"m\",\"input\":\"hi\",\"reasoning\":{\"effort\":\"low\",\"budget\":3}}",
                "reasoning.budget");
        assertRefused("{\"model\":\"m\",\"input\":\"hi\",\"text\":{\"format\":{\"type\":\"json_schema\","
                + "\"name\":\"n\"}}}", "text.format.schema");
    }

    private static void assertRefused(String body, String param) {
        assertThatThrownBy(() -> map(body)).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.param()).contains(param));
    }

    private static ChatRequest map(String body) throws Exception {
        return ResponsesRequestMapper.toCore(JSON.readValue(body, ResponseCreateRequest.class), MAX_IMAGE);
    }
}
