package dev.wormhole.provider;

import dev.wormhole.config.Dialect;

/** Builds provider instances of one dialect. Each dialect package contributes one as a CDI bean. */
public interface ProviderFactory {

    /** The dialect this factory builds. */
    Dialect dialect();

    /** A new, open provider. Must be cheap and must not perform I/O: connections open on first use. */
    Provider create(ProviderSettings settings);
}
