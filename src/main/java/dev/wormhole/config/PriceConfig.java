package dev.wormhole.config;

import java.math.BigDecimal;
import java.util.Optional;

import jakarta.validation.constraints.DecimalMin;

/**
 * An operator's price for one model, {@code wormhole.prices."<provider>/<model>".*}, in US dollars per million
 * tokens. It replaces the catalog's price field by field: a field left unset keeps the catalog's.
 */
public interface PriceConfig {

    /** USD per million prompt tokens (those not read from the provider's prompt cache). */
    Optional<@DecimalMin("0") BigDecimal> input();

    /** USD per million completion tokens (reasoning tokens included). */
    Optional<@DecimalMin("0") BigDecimal> output();

    /** USD per million prompt tokens read from the provider's prompt cache; the input price when unknown. */
    Optional<@DecimalMin("0") BigDecimal> cachedInput();
}
