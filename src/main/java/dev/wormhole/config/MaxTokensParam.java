package dev.wormhole.config;

import java.util.Locale;

/**
 * The request field an OpenAI-compatible upstream reads the output limit from. Written in configuration as
 * {@code max_tokens} or {@code max_completion_tokens}.
 */
public enum MaxTokensParam {
    /** The older field, still the only one many compatible servers read. */
    MAX_TOKENS,
    /** OpenAI's current field (its reasoning models refuse {@code max_tokens}). */
    MAX_COMPLETION_TOKENS;

    /** The field's name on the wire. */
    public String field() {
        return name().toLowerCase(Locale.ROOT);
    }
}
