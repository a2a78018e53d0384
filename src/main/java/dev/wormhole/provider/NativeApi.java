package dev.wormhole.provider;

/**
 * An inbound API that some upstreams speak themselves, so that a request in it can go through untranslated:
 * nothing the client sent is lost to the core model (cache markers, document blocks, server tools, exact
 * thinking budgets, fields the gateway does not know).
 */
public enum NativeApi {
    /** Anthropic's {@code POST /v1/messages}. */
    MESSAGES,
    /** Anthropic's {@code POST /v1/messages/count_tokens}. */
    COUNT_TOKENS,
    /** OpenAI's {@code POST /v1/responses}. */
    RESPONSES
}
