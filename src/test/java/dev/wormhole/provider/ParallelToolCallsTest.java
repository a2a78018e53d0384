package dev.wormhole.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.ChatMessage;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.ChatResult;
import dev.wormhole.core.ContentPart;
import dev.wormhole.core.FinishReason;
import dev.wormhole.core.Role;
import dev.wormhole.core.ToolCall;
import dev.wormhole.core.Usage;
import io.smallrye.mutiny.Multi;

/** The gateway keeps {@code parallel_tool_calls: false} for upstreams that have no such switch. */
class ParallelToolCallsTest {

    private static final List<ToolCall> TWO_CALLS = List.of(new ToolCall("c1", "read", "{\"path\":\"a\"}"),
            new ToolCall("c2", "read", "{\"path\":\"b\"}"));

    @Test
    void keepsOnlyTheFirstCallOfAnAnswerWhenParallelCallsAreOff() {
        ChatResult enforced = ParallelToolCalls.enforce(request(false), result());

        ChatMessage message = enforced.choices().get(0).message();
        assertThat(message.toolCalls()).containsExactly(TWO_CALLS.get(0));
        assertThat(message.text()).isEqualTo("Reading.");
        assertThat(enforced.choices().get(0).finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(enforced.usage()).isEqualTo(Usage.of(3, 4));
    }

    @Test
    void passesEveryCallOnWhenParallelCallsAreAllowedOrUnsaid() {
        assertThat(ParallelToolCalls.enforce(request(true), result())).isEqualTo(result());
        assertThat(ParallelToolCalls.enforce(request(null), result())).isEqualTo(result());
    }

    @Test
    void dropsTheFragmentsOfEveryCallButTheFirstFromAStream() {
        List<ChatDelta> deltas = List.of(
                delta(new ChatDelta.ChoiceDelta(0, Role.ASSISTANT, "Reading.", List.of(), null)),
                delta(new ChatDelta.ChoiceDelta(0, null, null,
                        List.of(new ChatDelta.ToolCallDelta(0, "c1", "read", "{\"path\":\"a\"}"),
                                new ChatDelta.ToolCallDelta(1, "c2", "read", "{\"path\":\"b\"}")), null)),
                delta(new ChatDelta.ChoiceDelta(0, null, null,
                        List.of(new ChatDelta.ToolCallDelta(2, "c3", "read", "{}")), null)),
                delta(new ChatDelta.ChoiceDelta(0, null, null, List.of(), FinishReason.TOOL_CALLS)),
                new ChatDelta("id", "m", 1L, List.of(), Usage.of(3, 4)));

        List<ChatDelta> out = ParallelToolCalls.enforce(request(false), Multi.createFrom().iterable(deltas))
                .collect().asList().await().indefinitely();

        assertThat(out).hasSize(4);
        assertThat(out.get(1).choices().get(0).toolCalls())
                .containsExactly(new ChatDelta.ToolCallDelta(0, "c1", "read", "{\"path\":\"a\"}"));
        assertThat(out.get(2).choices().get(0).finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(out.get(3).usage()).isEqualTo(Usage.of(3, 4));
        assertThat(ParallelToolCalls.enforce(request(null), Multi.createFrom().iterable(deltas))
                .collect().asList().await().indefinitely()).isEqualTo(deltas);
    }

    private static ChatRequest request(Boolean parallel) {
        return new ChatRequest("m", List.of(ChatMessage.text(Role.USER, "read a and b")), null, null, null, null, null,
                null, null, null, null, null, parallel, null, null, null, null);
    }

    private static ChatResult result() {
        return new ChatResult("id", "m", 1L, List.of(new ChatResult.Choice(0, new ChatMessage(Role.ASSISTANT,
                List.of(new ContentPart.Text("Reading.")), null, TWO_CALLS, null), FinishReason.TOOL_CALLS)),
                Usage.of(3, 4), null);
    }

    private static ChatDelta delta(ChatDelta.ChoiceDelta choice) {
        return new ChatDelta("id", "m", 1L, List.of(choice), null);
    }
}
