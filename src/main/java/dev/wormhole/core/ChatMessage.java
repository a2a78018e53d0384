package dev.wormhole.core;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One message of a conversation.
 *
 * @param toolCalls  calls an assistant message asks for (empty otherwise)
 * @param toolCallId the call a {@link Role#TOOL} message answers
 * @param toolError  a {@link Role#TOOL} message reporting that the call failed (Anthropic's {@code is_error})
 */
public record ChatMessage(Role role, List<ContentPart> content, String name, List<ToolCall> toolCalls,
        String toolCallId, boolean toolError) {

    /** What a target with no error flag of its own reads in front of a failed tool result's text. */
    public static final String TOOL_ERROR_PREFIX = "Error: ";

    public ChatMessage {
        content = content == null ? List.of() : List.copyOf(content);
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    /** A message that is not a failed tool result. */
    public ChatMessage(Role role, List<ContentPart> content, String name, List<ToolCall> toolCalls,
            String toolCallId) {
        this(role, content, name, toolCalls, toolCallId, false);
    }

    /** A message holding only text. */
    public static ChatMessage text(Role role, String text) {
        return new ChatMessage(role, List.of(new ContentPart.Text(text)), null, List.of(), null);
    }

    /**
     * This message for a target whose tool results have no error flag (OpenAI, Ollama, the Responses API): a
     * failed result's first text part starts with {@link #TOOL_ERROR_PREFIX} (a text part is added when it has
     * none), so the model still reads that the call failed; any other message is returned as it is.
     */
    public ChatMessage withToolErrorInText() {
        if (!toolError) {
            return this;
        }
        List<ContentPart> parts = new ArrayList<>(content);
        int first = 0;
        while (first < parts.size() && !(parts.get(first) instanceof ContentPart.Text)) {
            first++;
        }
        if (first == parts.size()) {
            parts.add(0, new ContentPart.Text(TOOL_ERROR_PREFIX.strip()));
        } else {
            parts.set(first, new ContentPart.Text(TOOL_ERROR_PREFIX + ((ContentPart.Text) parts.get(first)).text()));
        }
        return new ChatMessage(role, parts, name, toolCalls, toolCallId, false);
    }

    /** The concatenated text parts (images are skipped). */
    public String text() {
        return content.stream()
                .filter(ContentPart.Text.class::isInstance)
                .map(p -> ((ContentPart.Text) p).text())
                .collect(Collectors.joining());
    }
}
