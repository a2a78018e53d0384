package dev.wormhole.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;

import dev.wormhole.core.Usage;

/**
 * What one model's tokens cost, in US dollars per million tokens; a component is null when unknown. Since a price
 * per million tokens times a token count is micro-dollars, a call's cost is computed exactly in micro-USD and
 * rounded once, half up, to a whole micro-dollar.
 *
 * @param input       USD per million prompt tokens not read from the prompt cache
 * @param output      USD per million completion tokens
 * @param cachedInput USD per million prompt tokens read from the prompt cache; when null they cost the input price
 */
public record Price(BigDecimal input, BigDecimal output, BigDecimal cachedInput) {

    /** What a call with {@code usage} costs, or {@link Cost#UNPRICED} when a price it needs is unknown. */
    public Cost cost(Usage usage) {
        long cached = Math.min(usage.cachedPromptTokens(), usage.promptTokens());
        long uncached = usage.promptTokens() - cached;
        BigDecimal cachedRate = cachedInput != null ? cachedInput : input;
        if (uncached > 0 && input == null || cached > 0 && cachedRate == null
                || usage.completionTokens() > 0 && output == null) {
            return Cost.UNPRICED;
        }
        BigDecimal micros = times(input, uncached).add(times(cachedRate, cached)).add(times(output,
                usage.completionTokens()));
        return new Cost(micros.setScale(0, RoundingMode.HALF_UP).longValueExact(), true);
    }

    private static BigDecimal times(BigDecimal rate, long tokens) {
        return tokens == 0 ? BigDecimal.ZERO : rate.multiply(BigDecimal.valueOf(tokens));
    }

    /**
     * The cost of one call.
     *
     * @param microUsd the cost in micro-dollars (0 when unpriced)
     * @param priced   false when the model's price is unknown: the call is then recorded as unpriced, never guessed
     */
    public record Cost(long microUsd, boolean priced) {

        /** A call of a model without a price. */
        public static final Cost UNPRICED = new Cost(0, false);

        /** A call that costs nothing: no tokens. */
        public static final Cost FREE = new Cost(0, true);
    }
}
