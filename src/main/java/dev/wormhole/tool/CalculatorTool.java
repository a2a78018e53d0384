package dev.wormhole.tool;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

/**
 * Built-in tool {@code calculator}: evaluates arithmetic with a small recursive-descent parser over decimal
 * numbers ({@code + - * / % ^}, parentheses, unary minus, {@code sqrt abs min max round}). No script engine,
 * no reflection; input length and exponents are bounded.
 */
@ApplicationScoped
public class CalculatorTool implements Tool {

    static final int MAX_EXPRESSION = 1000;

    @Override
    public String name() {
        return "calculator";
    }

    @Override
    public String description() {
        return "Evaluates an arithmetic expression, e.g. (2 + 3) * 4.5 / 7 or sqrt(2) ^ 2. Operators: + - * / % ^.";
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of("type", "object",
                "properties", Map.of("expression", Map.of("type", "string", "maxLength", MAX_EXPRESSION,
                        "description", "The arithmetic expression")),
                "required", List.of("expression"), "additionalProperties", false);
    }

    @Override
    public boolean idempotent() {
        return true;
    }

    @Override
    public Uni<JsonNode> execute(JsonNode arguments) {
        return Uni.createFrom().item(() -> {
            String expression = arguments.path("expression").asText();
            BigDecimal value = new ArithmeticParser(expression).parse();
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            result.put("expression", expression);
            result.put("result", value.stripTrailingZeros().toPlainString());
            return result;
        });
    }

    /** Grammar: expr = term (('+'|'-') term)*; term = power (('*'|'/'|'%') power)*; power = unary ('^' power)?. */
    static final class ArithmeticParser {
        private static final MathContext PRECISION = MathContext.DECIMAL64;
        private static final int MAX_EXPONENT = 1000;
        private final String text;
        private int pos;

        ArithmeticParser(String text) {
            this.text = text;
        }

        BigDecimal parse() {
            BigDecimal value = expression();
            skipSpaces();
            if (pos < text.length()) {
                throw error("unexpected '" + text.charAt(pos) + "'");
            }
            return value;
        }

        private BigDecimal expression() {
            BigDecimal value = term();
            while (true) {
                if (eat('+')) {
                    value = value.add(term(), PRECISION);
                } else if (eat('-')) {
                    value = value.subtract(term(), PRECISION);
                } else {
                    return value;
                }
            }
        }

        private BigDecimal term() {
            BigDecimal value = power();
            while (true) {
                if (eat('*')) {
                    value = value.multiply(power(), PRECISION);
                } else if (eat('/')) {
                    value = value.divide(nonZero(power()), PRECISION);
                } else if (eat('%')) {
                    value = value.remainder(nonZero(power()), PRECISION);
                } else {
                    return value;
                }
            }
        }

        private BigDecimal power() {
            BigDecimal base = unary();
            if (!eat('^')) {
                return base;
            }
            BigDecimal exponent = power();
            if (exponent.stripTrailingZeros().scale() > 0 || exponent.abs().compareTo(BigDecimal.valueOf(MAX_EXPONENT)) > 0) {
                double result = Math.pow(base.doubleValue(), exponent.doubleValue());
                if (Double.isNaN(result) || Double.isInfinite(result)) {
                    throw error("the power is not a finite real number");
                }
                return new BigDecimal(result, PRECISION);
            }
            int n = exponent.intValueExact();
            return n >= 0 ? base.pow(n, PRECISION) : BigDecimal.ONE.divide(nonZero(base).pow(-n, PRECISION), PRECISION);
        }

        private BigDecimal unary() {
            if (eat('-')) {
                return unary().negate();
            }
            if (eat('+')) {
                return unary();
            }
            return primary();
        }

        private BigDecimal primary() {
            skipSpaces();
            if (eat('(')) {
                BigDecimal value = expression();
                expect(')');
                return value;
            }
            if (pos < text.length() && Character.isLetter(text.charAt(pos))) {
                return function();
            }
            int start = pos;
            while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                pos++;
            }
            if (start == pos) {
                throw error(pos < text.length() ? "unexpected '" + text.charAt(pos) + "'" : "unexpected end");
            }
            try {
                return new BigDecimal(text.substring(start, pos));
            } catch (NumberFormatException e) {
                throw error("bad number '" + text.substring(start, pos) + "'");
            }
        }

        private BigDecimal function() {
            int start = pos;
            while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
                pos++;
            }
            String name = text.substring(start, pos);
            expect('(');
            BigDecimal first = expression();
            BigDecimal second = eat(',') ? expression() : null;
            expect(')');
            return switch (name) {
                case "sqrt" -> {
                    if (first.signum() < 0) {
                        throw error("sqrt of a negative number");
                    }
                    yield first.sqrt(PRECISION);
                }
                case "abs" -> first.abs();
                case "round" -> first.setScale(second == null ? 0 : second.intValue(), java.math.RoundingMode.HALF_UP);
                case "min" -> second == null ? first : first.min(second);
                case "max" -> second == null ? first : first.max(second);
                default -> throw error("unknown function '" + name + "'");
            };
        }

        private BigDecimal nonZero(BigDecimal value) {
            if (value.signum() == 0) {
                throw error("division by zero");
            }
            return value;
        }

        private boolean eat(char c) {
            skipSpaces();
            if (pos < text.length() && text.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!eat(c)) {
                throw error("expected '" + c + "'");
            }
        }

        private void skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private ToolException error(String what) {
            return new ToolException("Cannot evaluate '" + text + "': " + what + " at position " + pos + ".");
        }
    }
}
