package dev.wormhole.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.wormhole.core.ChatMessage;
import dev.wormhole.core.ContentPart;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.Role;
import dev.wormhole.core.ToolCall;

class MessageRepairTest {

    private static ChatMessage calls(String... ids) {
        return new ChatMessage(Role.ASSISTANT, List.of(), null,
                java.util.Arrays.stream(ids).map(id -> new ToolCall(id, "f", "{}")).toList(), null);
    }

    private static ChatMessage result(String id) {
        return new ChatMessage(Role.TOOL, List.of(new ContentPart.Text("ok")), null, List.of(), id);
    }

    @Test
    void rewritesIdsTheSameWayForACallAndItsResultKeepingThemDistinct() {
        List<ChatMessage> repaired = MessageRepair.repair(List.of(ChatMessage.text(Role.USER, "hi"),
                calls("call.1", "call_1"), result("call_1"), result("call.1")), MessageRepair.SAFE_IDS);

        assertThat(repaired.get(1).toolCalls()).extracting(ToolCall::id).containsExactly("call_1", "call_1_2");
        assertThat(repaired.get(2).toolCallId()).isEqualTo("call_1_2");
        assertThat(repaired.get(3).toolCallId()).isEqualTo("call_1");
    }

    @Test
    void refusesAnOrphanResultAndAnUnansweredCallNamingTheMessage() {
        assertThatThrownBy(() -> MessageRepair.repair(List.of(ChatMessage.text(Role.USER, "hi"), result("x")),
                MessageRepair.SAFE_IDS)).isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.param()).contains("messages[1]"));
        assertThatThrownBy(() -> MessageRepair.repair(List.of(ChatMessage.text(Role.USER, "hi"), calls("a", "b"),
                result("a"), ChatMessage.text(Role.USER, "and?")), MessageRepair.SAFE_IDS))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.param()).contains("messages[1]");
                    assertThat(e.getMessage()).contains("[b]");
                });
        assertThatThrownBy(() -> MessageRepair.repair(List.of(ChatMessage.text(Role.USER, "hi"), calls("a"),
                result("a"), result("a")), MessageRepair.SAFE_IDS)).isInstanceOf(GatewayException.class);
    }

    @Test
    void replacesLoneSurrogatesAndKeepsPairs() {
        assertThat(MessageRepair.clean("ok \uD83D\uDE00 \uD800 x\uDC00")).isEqualTo("ok \uD83D\uDE00 \uFFFD x\uFFFD");
        String clean = "nothing to fix";
        assertThat(MessageRepair.clean(clean)).isSameAs(clean);
    }
}
