package dev.wormhole.api;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.core.GatewayException;

/** A function's parameters schema is checked keyword by keyword, naming the path of the first bad one. */
class ToolSchemasTest {

    private static final String AT = "tools[0].function.parameters";
    private final ObjectMapper json = new ObjectMapper();

    private Map<String, Object> schema(String text) throws Exception {
        return json.readValue(text, new TypeReference<Map<String, Object>>() { });
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("{\"type\":\"string\"}", AT + ".type"),
                Arguments.of("{\"type\":[\"object\"]}", AT + ".type"),
                Arguments.of("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"text\"}}}",
                        AT + ".properties.city.type"),
                Arguments.of("{\"properties\":{\"city\":{\"type\":5}}}", AT + ".properties.city.type"),
                Arguments.of("{\"properties\":{\"city\":{\"type\":[\"string\",\"bogus\"]}}}", AT + ".properties.city.type"),
                Arguments.of("{\"properties\":{\"city\":{\"type\":[]}}}", AT + ".properties.city.type"),
                Arguments.of("{\"properties\":{\"city\":{\"type\":[null]}}}", AT + ".properties.city.type"),
                Arguments.of("{\"properties\":\"city\"}", AT + ".properties"),
                Arguments.of("{\"properties\":[]}", AT + ".properties"),
                Arguments.of("{\"properties\":{\"city\":\"string\"}}", AT + ".properties.city"),
                Arguments.of("{\"properties\":{\"tags\":{\"type\":\"array\",\"items\":5}}}", AT + ".properties.tags.items"),
                Arguments.of("{\"properties\":{\"tags\":{\"items\":[{\"type\":\"string\"},7]}}}",
                        AT + ".properties.tags.items[1]"),
                Arguments.of("{\"properties\":{\"tags\":{\"items\":{\"type\":\"strin\"}}}}",
                        AT + ".properties.tags.items.type"),
                Arguments.of("{\"required\":\"city\"}", AT + ".required"),
                Arguments.of("{\"required\":[\"city\",1]}", AT + ".required"),
                Arguments.of("{\"anyOf\":{}}", AT + ".anyOf"),
                Arguments.of("{\"oneOf\":[1]}", AT + ".oneOf[0]"),
                Arguments.of("{\"allOf\":[{\"type\":\"object\"},{\"type\":\"thing\"}]}", AT + ".allOf[1].type"),
                Arguments.of("{\"$defs\":[]}", AT + ".$defs"),
                Arguments.of("{\"$defs\":{\"a\":5}}", AT + ".$defs.a"),
                Arguments.of("{\"definitions\":{\"a\":{\"type\":\"x\"}}}", AT + ".definitions.a.type"),
                Arguments.of("{\"additionalProperties\":\"no\"}", AT + ".additionalProperties"),
                Arguments.of("{\"additionalProperties\":{\"type\":\"nope\"}}", AT + ".additionalProperties.type"),
                Arguments.of("{\"properties\":{\"unit\":{\"enum\":\"c\"}}}", AT + ".properties.unit.enum"),
                Arguments.of("{\"properties\":{\"unit\":{\"enum\":null}}}", AT + ".properties.unit.enum"),
                Arguments.of("{\"not\":true}", AT + ".not"),
                Arguments.of(nested(ToolSchemas.MAX_DEPTH), AT + ".properties.a".repeat(ToolSchemas.MAX_DEPTH)));
    }

    /** A schema whose innermost object is {@code levels} properties below the top one. */
    static String nested(int levels) {
        return "{\"properties\":{\"a\":".repeat(levels) + "{\"type\":\"string\"}" + "}}".repeat(levels);
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void refusesAMalformedSchemaNamingThePath(String schema, String param) throws Exception {
        Map<String, Object> parsed = schema(schema);
        assertThatThrownBy(() -> ToolSchemas.check(parsed, AT))
                .isInstanceOfSatisfying(GatewayException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.param()).contains(param));
    }

    @Test
    void acceptsARichValidSchema() throws Exception {
        Map<String, Object> parsed = schema("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\","
                + "\"description\":\"a city\"},\"unit\":{\"type\":[\"string\",\"null\"],\"enum\":[\"c\",\"f\",null]},"
                + "\"tags\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/$defs/tag\"}},\"pair\":{\"type\":\"array\","
                + "\"items\":[{\"type\":\"integer\"},{\"type\":\"number\"}]},\"when\":{\"anyOf\":[{\"type\":\"string\"},"
                + "{\"type\":\"boolean\"}]},\"extra\":{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}}},"
                + "\"required\":[\"city\"],\"additionalProperties\":false,\"$defs\":{\"tag\":{\"type\":\"string\"}}}");
        assertThatCode(() -> ToolSchemas.check(parsed, AT)).doesNotThrowAnyException();
    }

    @Test
    void acceptsNestingUpToTheLimit() throws Exception {
        Map<String, Object> parsed = schema(nested(ToolSchemas.MAX_DEPTH - 1));
        assertThatCode(() -> ToolSchemas.check(parsed, AT)).doesNotThrowAnyException();
    }

    @Test
    void acceptsNoParametersAndAnEmptyObject() throws Exception {
        assertThatCode(() -> ToolSchemas.check(null, AT)).doesNotThrowAnyException();
        Map<String, Object> empty = schema("{}");
        assertThatCode(() -> ToolSchemas.check(empty, AT)).doesNotThrowAnyException();
    }
}
