package dev.wormhole.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One message of a conversation.
 *
 * @param toolCalls  calls an assistant message asks for (empty otherwise)
 * @param toolCallId the call a {@link Role#TOOL} message answers
 */
public record ChatMessage(Role role, List<ContentPart> content, String name, List<ToolCall> toolCalls,
        String toolCallId) {

    public ChatMessage {
        content = content == null ? List.of() : List.copyOf(content);
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    /** A message holding only text. */
    public static ChatMessage text(Role role, String text) {
        return new ChatMessage(role, List.of(new ContentPart.Text(text)), null, List.of(), null);
    }

    /** The concatenated text parts (images are skipped). */
    public String text() {
        return content.stream()
                .filter(ContentPart.Text.class::isInstance)
                .map(p -> ((ContentPart.Text) p).text())
                .collect(Collectors.joining());
    }
}
