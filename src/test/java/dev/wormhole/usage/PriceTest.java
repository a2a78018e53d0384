package dev.wormhole.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import dev.wormhole.core.Usage;

class PriceTest {

    private static Price price(String input, String output, String cached) {
        return new Price(input == null ? null : new BigDecimal(input), output == null ? null : new BigDecimal(output),
                cached == null ? null : new BigDecimal(cached));
    }

    @Test
    void costsEachKindOfTokenAtItsRateInMicroDollars() {
        // 60 uncached x 3 + 40 cached x 1.5 + 50 completion x 6 = 540 micro-USD
        assertThat(price("3", "6", "1.5").cost(new Usage(100, 50, 40, 0)))
                .isEqualTo(new Price.Cost(540, true));
    }

    @Test
    void chargesCachedTokensAtTheInputRateWhenNoCachedRateIsKnown() {
        assertThat(price("3", "6", null).cost(new Usage(100, 0, 40, 0)).microUsd()).isEqualTo(300);
    }

    @Test
    void roundsOnceHalfUp() {
        assertThat(price("0.15", "0.6", null).cost(Usage.of(7, 1)).microUsd()).isEqualTo(2); // 1.05 + 0.6
        assertThat(price("0.15", "0.6", null).cost(Usage.of(3, 0)).microUsd()).isEqualTo(0); // 0.45
    }

    @Test
    void isUnpricedRatherThanGuessedWhenARateItNeedsIsUnknown() {
        assertThat(price(null, null, null).cost(Usage.of(10, 5))).isEqualTo(Price.Cost.UNPRICED);
        assertThat(price("1", null, null).cost(Usage.of(10, 5))).isEqualTo(Price.Cost.UNPRICED);
        // embeddings: no output tokens, so no output price needed
        assertThat(price("0.02", null, null).cost(Usage.of(1000, 0))).isEqualTo(new Price.Cost(20, true));
        assertThat(price(null, null, null).cost(Usage.ZERO)).isEqualTo(Price.Cost.FREE);
    }
}
