package dev.wormhole.api;

import java.util.function.Supplier;

import dev.wormhole.core.ChatRequest;
import dev.wormhole.limit.TokenDemand;

/**
 * A request's core form, made on first need and kept: a request in a client's own API that a target relays
 * untranslated may hold what the core cannot express (a document block, a server tool, a field the gateway does
 * not know), so its translation fails only when a target that needs it is tried, with the 400 that names the
 * field. Attempts of one request run one after the other, so the memo needs no lock.
 */
final class Translation {

    private final Supplier<ChatRequest> translate;
    private ChatRequest request;
    private RuntimeException failure;

    Translation(Supplier<ChatRequest> translate) {
        this.translate = translate;
    }

    /** The core request; throws the translation's failure. */
    ChatRequest get() {
        if (request == null && failure == null) {
            try {
                request = translate.get();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return request;
    }

    /**
     * What the request may cost in tokens, for its key's tokens-per-minute reservation; null when it cannot be
     * translated (then only the default output is reserved).
     */
    TokenDemand demand() {
        ChatRequest core = orNull();
        return core == null ? null : TokenDemand.of(core);
    }

    /** The core request, or null when the request cannot be translated. */
    ChatRequest orNull() {
        try {
            return get();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
