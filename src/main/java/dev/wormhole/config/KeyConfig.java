package dev.wormhole.config;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A virtual key declared in configuration ({@code wormhole.keys.<name>.*}), for GitOps: loaded at start, listed by
 * the admin API as {@code source: config}, and changed only by changing the configuration.
 */
public interface KeyConfig {

    /** SHA-256 of the key's secret as 64 hex digits: the way to declare a key without its secret in the config. */
    Optional<String> secretHash();

    /** The key's secret in plain text; for development only (prefer {@code secret-hash}). */
    Optional<String> secret();

    /** Owner or team tag. */
    Optional<String> team();

    /** Models and aliases the key may use, as globs ({@code openai/*}, {@code claude-*}); every model when unset. */
    Optional<List<String>> models();

    /** Requests per minute allowed, over a sliding minute shared by every replica; more is a 429. */
    Optional<Long> rpm();

    /** Tokens per minute allowed: each call reserves its prompt estimate and max_tokens, corrected by its real usage. */
    Optional<Long> tpm();

    /** Requests in flight at once allowed; one more is a 429. */
    Optional<Integer> maxConcurrent();

    /** Spend allowed per {@code budget-period}, in US dollars; calls beyond it are refused with a 429. */
    Optional<BigDecimal> budgetUsd();

    /** Period of {@code budget-usd}: {@code day}, {@code month} or {@code total}. */
    Optional<String> budgetPeriod();

    /** When the key stops working, as an ISO-8601 instant ({@code 2026-01-31T00:00:00Z}). */
    Optional<String> expiresAt();

    /** Free-form labels shown by the admin API. */
    Map<String, String> metadata();
}
