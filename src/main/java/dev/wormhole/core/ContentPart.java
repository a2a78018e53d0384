package dev.wormhole.core;

/** One part of a message's content. */
public sealed interface ContentPart {

    /** Plain text. */
    record Text(String text) implements ContentPart {
    }

    /** An image by URL (http(s) or a {@code data:} URL); {@code detail} is a hint such as {@code low} or {@code high}. */
    record Image(String url, String detail) implements ContentPart {
    }
}
