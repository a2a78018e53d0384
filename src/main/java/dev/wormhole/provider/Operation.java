package dev.wormhole.provider;

/** What is asked of a provider; each (provider, operation) pair has its own circuit breaker. */
public enum Operation {
    CHAT("chat"), STREAM_OPEN("stream-open"), EMBEDDINGS("embeddings"), MODELS("models"), COUNT_TOKENS("count-tokens"),
    RERANK("rerank"), IMAGES("images");

    private final String label;

    Operation(String label) {
        this.label = label;
    }

    /** The name used in breaker names, metrics and health, e.g. {@code stream-open}. */
    public String label() {
        return label;
    }
}
