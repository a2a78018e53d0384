package dev.wormhole.provider;

/** What a provider supports; the gateway rejects requests a provider cannot serve before calling it. */
public record Capabilities(boolean streaming, boolean tools, boolean vision, boolean jsonOutput,
        boolean embeddings) {
}
