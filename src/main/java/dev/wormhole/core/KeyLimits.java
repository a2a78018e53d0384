package dev.wormhole.core;

import java.math.BigDecimal;

/**
 * The limits set on a virtual key; any of them may be null (no limit). The rate (requests and tokens per minute)
 * and concurrency limits are enforced per call by the limiter, the budget before any target is planned; both read
 * them from the request's {@link Caller}.
 *
 * @param rpm           requests per minute
 * @param tpm           tokens per minute
 * @param maxConcurrent requests in flight at once
 * @param budget        spend allowed per period
 */
public record KeyLimits(Long rpm, Long tpm, Integer maxConcurrent, Budget budget) {

    /** No limit at all. */
    public static final KeyLimits NONE = new KeyLimits(null, null, null, null);

    /** A spend limit in US dollars per period. */
    public record Budget(BigDecimal usd, BudgetPeriod period) {
    }
}
