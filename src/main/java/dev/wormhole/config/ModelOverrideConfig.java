package dev.wormhole.config;

import java.util.List;
import java.util.Optional;

import jakarta.validation.constraints.Min;

/**
 * An operator's facts for one model, {@code wormhole.models.overrides."<provider>/<model>".*}: each one set replaces
 * what the provider's live list and the price maps say; a fact left unset keeps theirs. Prices are set apart, in
 * {@code wormhole.prices}.
 */
public interface ModelOverrideConfig {

    /**
     * Everything the model can do, replacing the catalog's set: any of chat, stream, tools, vision, json,
     * embeddings, reasoning.
     */
    Optional<List<String>> capabilities();

    /** Tokens of context the model takes. */
    Optional<@Min(1) Integer> contextWindow();

    /** Tokens the model can write in one answer. */
    Optional<@Min(1) Integer> maxOutputTokens();

    /** Whether the model is marked deprecated. */
    Optional<Boolean> deprecated();
}
