package dev.wormhole.usage;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Usage summed over some rows.
 *
 * @param requests         upstream calls made (a failed one included)
 * @param errors           those that failed
 * @param promptTokens     prompt tokens, cached ones included
 * @param completionTokens completion tokens, reasoning included
 * @param cachedTokens     prompt tokens read from the provider's prompt cache
 * @param costMicroUsd     cost in micro-USD
 * @param unpriced         calls with tokens of a model without a known price (counted at cost 0)
 */
public record UsageTotals(long requests, long errors, long promptTokens, long completionTokens, long cachedTokens,
        long costMicroUsd, long unpriced) {

    public static final UsageTotals ZERO = new UsageTotals(0, 0, 0, 0, 0, 0, 0);

    static UsageTotals of(Map<String, Long> row) {
        return new UsageTotals(get(row, UsageRows.REQUESTS), get(row, UsageRows.ERRORS), get(row, UsageRows.PROMPT),
                get(row, UsageRows.COMPLETION), get(row, UsageRows.CACHED), get(row, UsageRows.COST),
                get(row, UsageRows.UNPRICED));
    }

    private static long get(Map<String, Long> row, String field) {
        return row.getOrDefault(field, 0L);
    }

    /** The sum of these and {@code other}. */
    public UsageTotals plus(UsageTotals other) {
        return new UsageTotals(requests + other.requests, errors + other.errors, promptTokens + other.promptTokens,
                completionTokens + other.completionTokens, cachedTokens + other.cachedTokens,
                costMicroUsd + other.costMicroUsd, unpriced + other.unpriced);
    }

    /** The cost in US dollars, exactly. */
    public BigDecimal costUsd() {
        return BigDecimal.valueOf(costMicroUsd, 6);
    }
}
