package dev.wormhole.config;

/** The wire protocol a provider speaks. Written in configuration in lower case, e.g. {@code openai}. */
public enum Dialect {
    /** OpenAI's Chat Completions, Embeddings and Models APIs (and every server compatible with them). */
    OPENAI(true),
    /** Anthropic's Messages and Models APIs. */
    ANTHROPIC(true),
    /** Google's Gemini API ({@code generateContent}, {@code batchEmbedContents}, {@code models}). */
    GEMINI(true),
    /** Ollama's native API ({@code /api/chat} with NDJSON streaming, {@code /api/embed}, {@code /api/tags}). */
    OLLAMA(true),
    /** The built-in simulated provider: deterministic answers without any network or key. */
    SIMULATOR(false);

    private final boolean remote;

    Dialect(boolean remote) {
        this.remote = remote;
    }

    /** Whether the dialect calls a remote upstream (needs a base URL and usually a key). */
    public boolean remote() {
        return remote;
    }
}
