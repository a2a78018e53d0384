package dev.wormhole.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.ChatDelta.ChoiceDelta;
import dev.wormhole.core.ChatDelta.ToolCallDelta;
import dev.wormhole.core.ContentPart;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.FinishReason;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.Role;
import dev.wormhole.core.Usage;
import io.smallrye.mutiny.Multi;

/** Core deltas written as Anthropic's message stream, byte for byte. */
class MessagesStreamEncoderTest {

    private final MessagesStreamEncoder encoder = new MessagesStreamEncoder(new JsonWriter(new ObjectMapper()));

    @Test
    void writesThinkingTextAndAToolCallAsTheGoldenEventStream() throws IOException {
        Multi<ChatDelta> deltas = Multi.createFrom().items(
                choice(new ChoiceDelta(0, Role.ASSISTANT, "", List.of(), null)),
                choice(new ChoiceDelta(0, null, null, List.of(), null, new ContentPart.Thinking("Let me think", null, null))),
                choice(new ChoiceDelta(0, null, null, List.of(), null, new ContentPart.Thinking(null, "sig1", null))),
                choice(new ChoiceDelta(0, null, "Hel", List.of(), null)),
                choice(new ChoiceDelta(0, null, "lo", List.of(), null)),
                choice(new ChoiceDelta(0, null, null, List.of(new ToolCallDelta(0, "call_1", "lookup", "")), null)),
                choice(new ChoiceDelta(0, null, null, List.of(new ToolCallDelta(0, null, null, "{\"q\":")), null)),
                choice(new ChoiceDelta(0, null, null, List.of(new ToolCallDelta(0, null, null, "\"x\"}")), null)),
                choice(new ChoiceDelta(0, null, null, List.of(), FinishReason.TOOL_CALLS)),
                new ChatDelta("chatcmpl-1", "gpt-4o-mini", 1, List.of(), new Usage(12, 7, 2, 0)));

        assertThat(encode(deltas)).isEqualTo(fixture("stream-thinking-text-tool.sse"));
    }

    @Test
    void endsAStreamThatFailsAfterItsFirstEventWithAnErrorEvent() {
        Multi<ChatDelta> deltas = Multi.createBy().concatenating().streams(
                Multi.createFrom().item(choice(new ChoiceDelta(0, null, "Hi", List.of(), null))),
                Multi.createFrom().failure(GatewayException.of(ErrorKind.UNAVAILABLE, "overloaded", "Upstream busy.")));

        assertThat(encode(deltas)).endsWith("event: content_block_delta\ndata: {\"type\":\"content_block_delta\","
                + "\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}\n\n"
                + "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                + "\"message\":\"Upstream busy.\"}}\n\n").doesNotContain("message_stop");
    }

    @Test
    void writesARedactedThinkingBlockWhole() {
        Multi<ChatDelta> deltas = Multi.createFrom().items(
                choice(new ChoiceDelta(0, null, null, List.of(), null, new ContentPart.Thinking(null, null, "opaque"))),
                choice(new ChoiceDelta(0, null, "ok", List.of(), FinishReason.STOP)));

        assertThat(encode(deltas)).contains("event: content_block_start\ndata: {\"type\":\"content_block_start\","
                + "\"index\":0,\"content_block\":{\"type\":\"redacted_thinking\",\"data\":\"opaque\"}}\n\n"
                + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
                + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":1,")
                .contains("\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":0}");
    }

    @Test
    void framesAnEmptyStreamAsAnEmptyMessage() {
        assertThat(encode(Multi.createFrom().empty())).isEqualTo("event: message_start\ndata: {\"type\":\"message_start\","
                + "\"message\":{\"id\":\"msg_req_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"sim-1\","
                + "\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":0,"
                + "\"output_tokens\":0,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0}}}\n\n"
                + "event: ping\ndata: {\"type\":\"ping\"}\n\n"
                + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":0}}\n\n"
                + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    }

    private String encode(Multi<ChatDelta> deltas) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encoder.encode(deltas, "sim-1", "req_1").subscribe().asStream().forEach(out::writeBytes);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static ChatDelta choice(ChoiceDelta choice) {
        return new ChatDelta("chatcmpl-1", "gpt-4o-mini", 1, List.of(choice), null);
    }

    private String fixture(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/fixtures/messages-inbound/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
