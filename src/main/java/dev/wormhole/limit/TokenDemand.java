package dev.wormhole.limit;

import dev.wormhole.core.ChatMessage;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.ContentPart;
import dev.wormhole.core.EmbeddingRequest;
import dev.wormhole.core.RerankRequest;
import dev.wormhole.core.ToolCall;
import dev.wormhole.core.ToolDefinition;

/**
 * What a call may cost in tokens, known before it is made, for a key's tokens-per-minute reservation: an estimate
 * of the prompt (about four characters a token over the messages' text, tool calls and tool definitions, 1600 per
 * image, as the edge's count_tokens estimate does) and the most output the request allows.
 *
 * @param prompt    the estimated prompt tokens
 * @param maxOutput the output tokens the request allows ({@code max_tokens} times {@code n}), 0 for embeddings,
 *                  null when the request sets no bound (the configured default applies)
 */
public record TokenDemand(long prompt, Long maxOutput) {

    private static final int CHARS_PER_TOKEN = 4;
    private static final int IMAGE_TOKENS = 1600;

    /** The demand of a chat request. */
    public static TokenDemand of(ChatRequest request) {
        long chars = 0;
        long images = 0;
        for (ChatMessage message : request.messages()) {
            for (ContentPart part : message.content()) {
                if (part instanceof ContentPart.Text t) {
                    chars += t.text().length();
                } else if (part instanceof ContentPart.Thinking t && t.text() != null) {
                    chars += t.text().length();
                } else if (part instanceof ContentPart.Image) {
                    images++;
                }
            }
            for (ToolCall call : message.toolCalls()) {
                chars += call.name().length() + call.arguments().length();
            }
        }
        for (ToolDefinition tool : request.tools()) {
            // The schema's Map form is close enough in length to its JSON for an estimate.
            chars += tool.name().length() + (tool.description() == null ? 0 : tool.description().length())
                    + (tool.parameters() == null ? 0 : tool.parameters().toString().length());
        }
        Long output = request.maxTokens() == null ? null
                : (long) request.maxTokens() * (request.n() == null ? 1 : Math.max(1, request.n()));
        return new TokenDemand(tokens(chars) + images * IMAGE_TOKENS, output);
    }

    /** The demand of an embeddings request: its inputs, no output. */
    public static TokenDemand of(EmbeddingRequest request) {
        return new TokenDemand(tokens(request.inputs().stream().mapToLong(String::length).sum()), 0L);
    }

    /** The demand of a rerank request: the query beside each document, and the documents; no output. */
    public static TokenDemand of(RerankRequest request) {
        return new TokenDemand(tokens(request.characters()), 0L);
    }

    /**
     * The tokens to reserve against a limit of {@code tpm} per minute: the prompt estimate and the output allowed
     * ({@code defaultOutput} when unbounded), at most the whole limit (a bound on the output is no promise to use it).
     */
    long reservation(long tpm, long defaultOutput) {
        long output = maxOutput != null ? maxOutput : defaultOutput;
        return Math.max(1, Math.min(tpm, prompt + output));
    }

    private static long tokens(long chars) {
        return (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }
}
