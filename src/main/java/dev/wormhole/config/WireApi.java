package dev.wormhole.config;

/** The OpenAI API text generation goes through. Written in configuration as {@code chat-completions} or {@code responses}. */
public enum WireApi {
    /** {@code POST /chat/completions}: every OpenAI-compatible server speaks it. */
    CHAT_COMPLETIONS,
    /** {@code POST /responses}: OpenAI's newer API (reasoning items, hosted tools). */
    RESPONSES
}
