package dev.wormhole.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class SchemaValidatorTest {

    private static final Map<String, Object> SCHEMA = Map.of("type", "object", "required", List.of("city", "days"),
            "additionalProperties", false, "properties", Map.of(
                    "city", Map.of("type", "string", "minLength", 2, "maxLength", 20),
                    "days", Map.of("type", "integer", "minimum", 1, "maximum", 7),
                    "unit", Map.of("enum", List.of("c", "f")),
                    "tags", Map.of("type", "array", "maxItems", 2, "items", Map.of("type", "string")),
                    "when", Map.of("anyOf", List.of(Map.of("type", "string", "pattern", "^\\d{4}-\\d{2}-\\d{2}$"),
                            Map.of("type", "null")))));

    private final ObjectMapper json = new ObjectMapper();

    private List<String> check(String arguments) throws Exception {
        return SchemaValidator.validate(json.readTree(arguments), SCHEMA);
    }

    @Test
    void acceptsValidArguments() throws Exception {
        assertThat(check("{\"city\":\"Oslo\",\"days\":3,\"unit\":\"c\",\"tags\":[\"a\"],\"when\":\"2026-11-27\"}")).isEmpty();
        assertThat(check("{\"city\":\"Oslo\",\"days\":3.0,\"when\":null}")).isEmpty();
    }

    @Test
    void reportsEveryProblemWithItsPath() throws Exception {
        assertThat(check("{\"city\":\"O\",\"days\":9,\"unit\":\"k\",\"tags\":[\"a\",2,\"c\"],\"when\":\"soon\",\"x\":1}"))
                .containsExactlyInAnyOrder("$.city length must be at least 2", "$.days must be at most 7",
                        "$.unit must be one of [c, f]", "$.tags item count must be at most 2",
                        "$.tags[1] must be of type string", "$.when matches none of the allowed shapes",
                        "$.x is not allowed");
    }

    @Test
    void reportsMissingAndMistypedFields() throws Exception {
        assertThat(check("{\"days\":\"two\"}")).containsExactlyInAnyOrder("$.city is required",
                "$.days must be of type integer");
        assertThat(check("\"not an object\"")).containsExactly("$ must be of type object");
    }
}
