package dev.wormhole.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.api.dto.ChatCompletionRequest;
import dev.wormhole.api.error.UnreadableJson;

/** The strict client-input mapper refuses what OpenAI refuses and says which field; the global one stays lenient. */
class StrictJsonTest {

    private static final String MESSAGES = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

    private final ObjectMapper strict = StrictJson.strict(new ObjectMapper());

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("{\"model\":\"m\"," + MESSAGES + "} garbage", null),
                Arguments.of("{\"model\":\"m\"," + MESSAGES + "}{\"model\":\"m\"}", null),
                Arguments.of("{\"model\":\"m\",\"model\":\"m\"," + MESSAGES + "}", "model"),
                Arguments.of("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"role\":\"user\"}]}", "messages[0].role"),
                Arguments.of("{\"model\":\"m\",\"metadata\":{\"a\":\"1\",\"a\":\"2\"}," + MESSAGES + "}", "metadata.a"),
                Arguments.of("{\"model\":\"m\",\"stream\":1," + MESSAGES + "}", "stream"),
                Arguments.of("{\"model\":\"m\",\"stream\":\"true\"," + MESSAGES + "}", "stream"),
                Arguments.of("{\"model\":\"m\",\"max_tokens\":\"5\"," + MESSAGES + "}", "max_tokens"),
                Arguments.of("{\"model\":\"m\",\"max_tokens\":5.5," + MESSAGES + "}", "max_tokens"),
                Arguments.of("{\"model\":\"m\",\"n\":true," + MESSAGES + "}", "n"),
                Arguments.of("{\"model\":\"m\",\"temperature\":\"0.5\"," + MESSAGES + "}", "temperature"),
                Arguments.of("{\"model\":7," + MESSAGES + "}", "model"));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void refusesWhatOpenAiRefusesNamingTheField(String body, String param) {
        JsonProcessingException failure = catchThrowableOfType(JsonProcessingException.class,
                () -> strict.readerFor(ChatCompletionRequest.class).readValue(body));
        assertThat(failure).isNotNull();
        UnreadableJson unreadable = UnreadableJson.of(failure);
        assertThat(unreadable.param()).isEqualTo(param);
        assertThat(unreadable.message()).isNotBlank().doesNotContain("dev.wormhole");
    }

    /** The refused bodies a default mapper takes: the strictness is the copy's own. */
    static Stream<Arguments> takenByADefaultMapper() {
        return refused().filter(a -> !a.get()[0].toString().contains("garbage")
                && !a.get()[0].toString().contains("\"n\":true"));
    }

    @ParameterizedTest
    @MethodSource("takenByADefaultMapper")
    void leavesTheGlobalMapperLenientForUpstreamReplies(String body, String param) {
        ObjectMapper global = new ObjectMapper();
        StrictJson.strict(global.copy());
        assertThatCode(() -> global.readerFor(ChatCompletionRequest.class).readValue(body)).doesNotThrowAnyException();
    }

    @org.junit.jupiter.api.Test
    void stillTakesAnIntegerWhereANumberIsExpected() throws Exception {
        ChatCompletionRequest request = strict.readValue("{\"model\":\"m\",\"temperature\":1," + MESSAGES + "}",
                ChatCompletionRequest.class);
        assertThat(request.temperature()).isEqualTo(1.0);
    }
}
