package dev.wormhole.core;

import java.util.List;

/**
 * One increment of a streamed chat answer. A delta carries choice increments, or (typically last) only
 * the usage of the whole call. {@code created} is in epoch seconds.
 */
public record ChatDelta(String id, String model, long created, List<ChoiceDelta> choices, Usage usage)
        implements Metered {

    public ChatDelta {
        choices = List.copyOf(choices);
    }

    @Override
    public long outputCharacters() {
        long characters = 0;
        for (ChoiceDelta choice : choices) {
            characters += length(choice.content());
            if (choice.thinking() != null) {
                characters += length(choice.thinking().text());
            }
            for (ToolCallDelta call : choice.toolCalls()) {
                characters += length(call.arguments());
            }
        }
        return characters;
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }

    /**
     * An increment of one choice. {@code role} is set on a choice's first delta; {@code content},
     * {@code toolCalls} and {@code thinking} (a piece of reasoning text and/or the signature that closes it)
     * are the new fragments; {@code finishReason} is set on its last.
     */
    public record ChoiceDelta(int index, Role role, String content, List<ToolCallDelta> toolCalls,
            FinishReason finishReason, ContentPart.Thinking thinking) {

        public ChoiceDelta {
            toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        }

        public ChoiceDelta(int index, Role role, String content, List<ToolCallDelta> toolCalls,
                FinishReason finishReason) {
            this(index, role, content, toolCalls, finishReason, null);
        }
    }

    /**
     * A fragment of a tool call: {@code index} identifies the call within the choice, {@code id} and
     * {@code name} come on its first fragment, {@code arguments} is the next piece of the JSON text.
     */
    public record ToolCallDelta(int index, String id, String name, String arguments) {
    }
}
