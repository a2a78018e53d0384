package dev.wormhole.api;

import java.util.List;

import dev.wormhole.core.ChatMessage;
import dev.wormhole.core.ContentPart;
import dev.wormhole.core.ToolCall;
import dev.wormhole.core.ToolDefinition;

/**
 * An <em>estimate</em> of a prompt's input tokens, made without any upstream call and without a tokenizer:
 * about four characters per token over the text of the system prompt and messages (thinking, tool calls'
 * names and arguments, tool results included) and over each tool's name, description and JSON input schema,
 * rounded up, plus {@value #IMAGE_TOKENS} tokens per image (the most Anthropic counts for one). Real counts
 * differ by model and tokenizer, typically within a few tens of percent for English text and code.
 */
final class TokenEstimate {

    /** Characters per token assumed. */
    static final int CHARS_PER_TOKEN = 4;
    /** Tokens counted for one image, whatever its size. */
    static final int IMAGE_TOKENS = 1600;

    private TokenEstimate() {
    }

    /** The estimate; {@code json} writes a tool's input schema as JSON text. */
    static long of(List<ChatMessage> messages, List<ToolDefinition> tools, JsonWriter json) {
        long chars = 0;
        long images = 0;
        for (ChatMessage message : messages) {
            for (ContentPart part : message.content()) {
                if (part instanceof ContentPart.Text t) {
                    chars += t.text().length();
                } else if (part instanceof ContentPart.Thinking t) {
                    chars += t.text() == null ? 0 : t.text().length();
                } else if (part instanceof ContentPart.Image) {
                    images++;
                }
            }
            for (ToolCall call : message.toolCalls()) {
                chars += call.name().length() + call.arguments().length();
            }
        }
        for (ToolDefinition tool : tools) {
            chars += tool.name().length() + (tool.description() == null ? 0 : tool.description().length());
            chars += tool.parameters() == null ? 0 : json.bytes(tool.parameters()).length;
        }
        return (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN + images * IMAGE_TOKENS;
    }
}
