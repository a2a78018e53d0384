package dev.wormhole.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeaderValuesTest {

    @Test
    void keepsPrintableAsciiAsItIs() {
        assertThat(HeaderValues.safe("openai/gpt-4o=503, simulator/sim-1=ok")).isEqualTo("openai/gpt-4o=503, simulator/sim-1=ok");
    }

    @Test
    void escapesControlCharactersPercentAndNonAscii() {
        assertThat(HeaderValues.safe("a\r\nb\u0000c%d\u00e9e\uD83D\uDE00f\u007f"))
                .isEqualTo("a%0D%0Ab%00c%25d%C3%A9e%F0%9F%98%80f%7F");
    }

    @Test
    void boundsTheLengthWhateverTheInput() {
        for (String input : new String[] { "x".repeat(100_000), "\n".repeat(100_000), "\u00e9".repeat(600) }) {
            String safe = HeaderValues.safe(input);
            assertThat(safe).hasSizeLessThanOrEqualTo(HeaderValues.MAX_CHARS).endsWith("...");
            assertThat(safe.chars().allMatch(c -> c >= 0x20 && c < 0x7f)).isTrue();
        }
    }
}
