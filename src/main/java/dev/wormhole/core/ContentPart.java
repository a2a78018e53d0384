package dev.wormhole.core;

/** One part of a message's content. */
public sealed interface ContentPart {

    /** Plain text. */
    record Text(String text) implements ContentPart {
    }

    /**
     * Reasoning an assistant showed before answering: its {@code text} with the provider's {@code signature}
     * (which the provider needs back, unchanged, when the conversation continues), or an opaque
     * {@code redacted} block. Never part of {@link ChatMessage#text()}.
     */
    record Thinking(String text, String signature, String redacted) implements ContentPart {
    }

    /** An image by URL (http(s) or a {@code data:} URL); {@code detail} is a hint such as {@code low} or {@code high}. */
    record Image(String url, String detail) implements ContentPart {
    }
}
