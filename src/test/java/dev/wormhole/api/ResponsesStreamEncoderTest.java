package dev.wormhole.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.api.dto.ResponseCreateRequest;
import dev.wormhole.api.dto.ResponseObject;
import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.ContentPart;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.FinishReason;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.Role;
import dev.wormhole.core.Usage;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

class ResponsesStreamEncoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ResponsesStreamEncoder encoder = new ResponsesStreamEncoder(new JsonWriter(JSON));

    @Test
    void sendsTheExactEventSequenceOfATextAnswer() throws Exception {
        List<JsonNode> events = encode(Multi.createFrom().items(start(), text("Hel"), text("lo"),
                finish(FinishReason.STOP), usage(7, 2)));

        assertThat(types(events)).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.delta", "response.output_text.done", "response.content_part.done",
                "response.output_item.done", "response.completed");
        assertThat(events).extracting(e -> e.get("sequence_number").asLong())
                .containsExactlyElementsOf(LongStream.range(0, events.size()).boxed().toList());
        assertThat(events.get(0).at("/response/status").asText()).isEqualTo("in_progress");
        assertThat(events.get(2).at("/item/type").asText()).isEqualTo("message");
        assertThat(events.get(4).get("delta").asText()).isEqualTo("Hel");
        assertThat(events.get(4).get("item_id").asText()).isEqualTo(events.get(2).at("/item/id").asText());
        assertThat(events.get(6).get("text").asText()).isEqualTo("Hello");
        JsonNode done = events.get(9).get("response");
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.at("/output/0/content/0/text").asText()).isEqualTo("Hello");
        assertThat(done.at("/usage/input_tokens").asLong()).isEqualTo(7);
        assertThat(done.at("/usage/total_tokens").asLong()).isEqualTo(9);
        assertThat(done.get("model").asText()).isEqualTo("m-1");
    }

    @Test
    void framesEachEventWithItsTypeAndNoDoneLine() {
        List<String> frames = encoder.encode(Multi.createFrom().items(start(), finish(FinishReason.STOP)),
                skeleton(), "req-1").map(b -> new String(b, StandardCharsets.UTF_8)).collect().asList().await()
                .indefinitely();

        assertThat(frames.get(0)).startsWith("event: response.created\ndata: {\"type\":\"response.created\","
                + "\"sequence_number\":0,").endsWith("}\n\n");
        assertThat(String.join("", frames)).doesNotContain("[DONE]");
    }

    @Test
    void closesTheMessageBeforeEachFunctionCallAndEachCallBeforeTheNext() throws Exception {
        List<JsonNode> events = encode(Multi.createFrom().items(start(), text("Checking."),
                call(0, "call_a", "get_weather", "{\"city\""), call(0, null, null, ":\"Paris\"}"),
                call(1, "call_b", "get_time", "{}"), finish(FinishReason.TOOL_CALLS)));

        assertThat(types(events)).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.done", "response.content_part.done", "response.output_item.done",
                "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.delta", "response.function_call_arguments.done",
                "response.output_item.done",
                "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.done", "response.output_item.done", "response.completed");
        assertThat(events.get(8).get("output_index").asInt()).isEqualTo(1);
        assertThat(events.get(8).at("/item/call_id").asText()).isEqualTo("call_a");
        assertThat(events.get(11).get("arguments").asText()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(events.get(13).get("output_index").asInt()).isEqualTo(2);
        JsonNode output = events.get(17).at("/response/output");
        assertThat(output).hasSize(3);
        assertThat(output.get(1).get("name").asText()).isEqualTo("get_weather");
        assertThat(output.get(2).get("call_id").asText()).isEqualTo("call_b");
        assertThat(output.get(2).get("status").asText()).isEqualTo("completed");
    }

    @Test
    void endsACutShortAnswerWithResponseIncomplete() throws Exception {
        List<JsonNode> events = encode(Multi.createFrom().items(start(), text("Hi"), finish(FinishReason.LENGTH)));

        JsonNode last = events.get(events.size() - 1);
        assertThat(last.get("type").asText()).isEqualTo("response.incomplete");
        assertThat(last.at("/response/incomplete_details/reason").asText()).isEqualTo("max_output_tokens");
    }

    @Test
    void streamsThinkingAsAReasoningSummaryBeforeTheMessage() throws Exception {
        List<JsonNode> events = encode(Multi.createFrom().items(start(), thinking("Weighing"), thinking(" it."),
                text("Yes."), finish(FinishReason.STOP)));

        assertThat(types(events)).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.reasoning_summary_part.added",
                "response.reasoning_summary_text.delta", "response.reasoning_summary_text.delta",
                "response.reasoning_summary_text.done", "response.reasoning_summary_part.done",
                "response.output_item.done", "response.output_item.added", "response.content_part.added",
                "response.output_text.delta", "response.output_text.done", "response.content_part.done",
                "response.output_item.done", "response.completed");
        JsonNode output = events.get(15).at("/response/output");
        assertThat(output.get(0).get("type").asText()).isEqualTo("reasoning");
        assertThat(output.get(0).at("/summary/0/text").asText()).isEqualTo("Weighing it.");
        assertThat(output.get(1).at("/content/0/text").asText()).isEqualTo("Yes.");
    }

    @Test
    void closesEachSignedThinkingBlockAsAReasoningItemCarryingItsSignatureAndKeepsRedactedBlocks() throws Exception {
        List<JsonNode> events = encode(Multi.createFrom().items(start(), thinking("First."), signature("sig-1"),
                thinking("Second."), signature("sig-2"),
                choice(new ChatDelta.ChoiceDelta(0, null, null, List.of(), null,
                        new ContentPart.Thinking(null, null, "opaque"))),
                call(0, "c1", "shell", "{}"), finish(FinishReason.TOOL_CALLS)));

        List<JsonNode> done = events.stream().filter(e -> e.get("type").asText().equals("response.output_item.done"))
                .map(e -> e.get("item")).toList();
        assertThat(done).extracting(i -> i.get("type").asText()).containsExactly("reasoning", "reasoning",
                "reasoning", "function_call");
        assertThat(done.get(0).at("/summary/0/text").asText()).isEqualTo("First.");
        assertThat(done.get(0).get("encrypted_content").asText()).isEqualTo("wormhole.thinking.v1:signature:sig-1");
        assertThat(done.get(1).at("/summary/0/text").asText()).isEqualTo("Second.");
        assertThat(done.get(1).get("encrypted_content").asText()).isEqualTo("wormhole.thinking.v1:signature:sig-2");
        assertThat(done.get(2).get("summary")).isEmpty();
        assertThat(done.get(2).get("encrypted_content").asText()).isEqualTo("wormhole.thinking.v1:redacted:opaque");
        assertThat(events.get(events.size() - 1).at("/response/output")).hasSize(4);
        assertThat(events).extracting(e -> e.get("sequence_number").asLong())
                .containsExactlyElementsOf(LongStream.range(0, events.size()).boxed().toList());
    }

    @Test
    void turnsAFailureAfterTheFirstDeltaIntoResponseFailed() throws Exception {
        Multi<ChatDelta> failing = Multi.createBy().concatenating().streams(
                Multi.createFrom().items(start(), text("Par")),
                Multi.createFrom().failure(GatewayException.of(ErrorKind.UPSTREAM_ERROR, "upstream_error",
                        "The upstream closed the stream.")));

        List<JsonNode> events = encode(failing);

        assertThat(types(events)).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.failed");
        JsonNode failed = events.get(5);
        assertThat(failed.get("sequence_number").asLong()).isEqualTo(5);
        assertThat(failed.at("/response/status").asText()).isEqualTo("failed");
        assertThat(failed.at("/response/error/code").asText()).isEqualTo("upstream_error");
        assertThat(failed.at("/response/error/message").asText()).isEqualTo("The upstream closed the stream.");
    }

    @Test
    void handsTheLastResponseToTheEndStepBeforeSendingItsEvent() throws Exception {
        List<JsonNode> ended = new ArrayList<>();
        List<String> sentWhenEnded = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        encoder.encode(Multi.createFrom().items(start(), text("Hi"), finish(FinishReason.STOP)), skeleton(), "req-1",
                onEnd(response -> Uni.createFrom().item(() -> {
                    ended.add(response);
                    sentWhenEnded.addAll(sent);
                    return null;
                }))).subscribe().with(frame -> sent.add(new String(frame, StandardCharsets.UTF_8)));

        assertThat(ended).singleElement().satisfies(r -> {
            assertThat(r.get("status").asText()).isEqualTo("completed");
            assertThat(r.get("output")).hasSize(1);
        });
        assertThat(sentWhenEnded).noneMatch(frame -> frame.startsWith("event: response.completed"));
        assertThat(sent.get(sent.size() - 1)).startsWith("event: response.completed");
    }

    @Test
    void handsAFailedResponseToTheEndStepAndStillSendsItWhenThatFails() throws Exception {
        List<JsonNode> ended = new ArrayList<>();
        Multi<ChatDelta> failing = Multi.createBy().concatenating().streams(
                Multi.createFrom().items(start(), text("Par")),
                Multi.createFrom().failure(GatewayException.of(ErrorKind.UPSTREAM_ERROR, "upstream_error", "cut")));

        List<String> frames = encoder.encode(failing, skeleton(), "req-1", onEnd(response -> {
            ended.add(response);
            return Uni.createFrom().failure(new IllegalStateException("store down"));
        })).map(b -> new String(b, StandardCharsets.UTF_8)).collect().asList().await().indefinitely();

        assertThat(ended).singleElement().satisfies(r -> assertThat(r.get("status").asText()).isEqualTo("failed"));
        assertThat(frames.get(frames.size() - 1)).startsWith("event: response.failed");
    }

    /** An end step that reads the final response it is handed. */
    private static ResponseStreamEnd onEnd(java.util.function.Function<JsonNode, Uni<Void>> step) {
        return new ResponseStreamEnd() {
            @Override
            public String relayed(String data) {
                return data;
            }

            @Override
            public Uni<Void> ended(byte[] response) {
                try {
                    return step.apply(JSON.readTree(response));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public Uni<Void> endedRelayed(String event) {
                return Uni.createFrom().voidItem();
            }
        };
    }

    private List<JsonNode> encode(Multi<ChatDelta> deltas) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (byte[] frame : encoder.encode(deltas, skeleton(), "req-1").collect().asList().await().indefinitely()) {
            String text = new String(frame, StandardCharsets.UTF_8);
            String type = text.substring("event: ".length(), text.indexOf('\n'));
            JsonNode event = JSON.readTree(text.substring(text.indexOf("data: ") + "data: ".length()));
            assertThat(event.get("type").asText()).isEqualTo(type);
            events.add(event);
        }
        return events;
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.get("type").asText()).toList();
    }

    private static ResponseObject skeleton() {
        ResponseCreateRequest body = new ResponseCreateRequest("sim-1", JSON.getNodeFactory().textNode("hi"), null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, true, null);
        return ResponsesResponseMapper.skeleton(body, "resp_abc", 1700000000L);
    }

    private static ChatDelta choice(ChatDelta.ChoiceDelta choice) {
        return new ChatDelta("chatcmpl-1", "m-1", 1700000000L, List.of(choice), null);
    }

    private static ChatDelta start() {
        return choice(new ChatDelta.ChoiceDelta(0, Role.ASSISTANT, "", List.of(), null));
    }

    private static ChatDelta text(String text) {
        return choice(new ChatDelta.ChoiceDelta(0, null, text, List.of(), null));
    }

    private static ChatDelta thinking(String text) {
        return choice(new ChatDelta.ChoiceDelta(0, null, null, List.of(), null,
                new ContentPart.Thinking(text, null, null)));
    }

    private static ChatDelta signature(String signature) {
        return choice(new ChatDelta.ChoiceDelta(0, null, null, List.of(), null,
                new ContentPart.Thinking(null, signature, null)));
    }

    private static ChatDelta call(int index, String id, String name, String arguments) {
        return choice(new ChatDelta.ChoiceDelta(0, null, null,
                List.of(new ChatDelta.ToolCallDelta(index, id, name, arguments)), null));
    }

    private static ChatDelta finish(FinishReason reason) {
        return choice(new ChatDelta.ChoiceDelta(0, null, null, List.of(), reason));
    }

    private static ChatDelta usage(long input, long output) {
        return new ChatDelta("chatcmpl-1", "m-1", 1700000000L, List.of(), Usage.of(input, output));
    }
}
