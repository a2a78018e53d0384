package dev.wormhole.config;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * An operator's price for one model, {@code wormhole.prices."<provider>/<model>".*}, in US dollars per million
 * tokens. It replaces the catalog's price field by field: a field left unset keeps the catalog's.
 */
public interface PriceConfig {

    /** USD per million prompt tokens (those not read from the provider's prompt cache). */
    Optional<BigDecimal> input();

    /** USD per million completion tokens (reasoning tokens included). */
    Optional<BigDecimal> output();

    /** USD per million prompt tokens read from the provider's prompt cache; the input price when unknown. */
    Optional<BigDecimal> cachedInput();
}
