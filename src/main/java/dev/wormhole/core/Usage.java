package dev.wormhole.core;

/**
 * Token accounting of one call. {@code cachedPromptTokens} and {@code reasoningTokens} are parts of the
 * prompt and completion counts, zero when the provider does not report them.
 */
public record Usage(long promptTokens, long completionTokens, long cachedPromptTokens, long reasoningTokens) {

    public static final Usage ZERO = new Usage(0, 0, 0, 0);

    public static Usage of(long promptTokens, long completionTokens) {
        return new Usage(promptTokens, completionTokens, 0, 0);
    }

    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
