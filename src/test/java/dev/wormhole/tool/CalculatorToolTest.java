package dev.wormhole.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CalculatorToolTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1 + 2 * 3|7", "(1 + 2) * 3|9", "-2 ^ 2|4", "2 ^ 3 ^ 2|512", "10 / 4|2.5", "7 % 3|1", "2 ^ -1|0.5",
            "sqrt(16) + abs(-3)|7", "max(2, 9) - min(4, 1)|8", "round(2.567, 2)|2.57", "0.1 + 0.2|0.3",
            " 3 |3", "1e3|" })
    void evaluates(String expression, String expected) {
        if (expected == null) {
            assertThatThrownBy(() -> new CalculatorTool.ArithmeticParser(expression).parse())
                    .isInstanceOf(ToolException.class);
            return;
        }
        assertThat(new CalculatorTool.ArithmeticParser(expression).parse().stripTrailingZeros().toPlainString())
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = { "1 / 0", "(1 + 2", "2 +", "sqrt(-1)", "foo(1)", "1 $ 2", "", "10 ^ 99999" })
    void rejectsWithAReadableError(String expression) {
        assertThatThrownBy(() -> new CalculatorTool.ArithmeticParser(expression).parse())
                .isInstanceOf(ToolException.class).hasMessageContaining("Cannot evaluate");
    }
}
