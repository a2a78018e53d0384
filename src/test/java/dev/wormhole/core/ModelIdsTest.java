package dev.wormhole.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelIdsTest {

    @ParameterizedTest
    @ValueSource(strings = { "gpt-4o-mini", "openai/gpt-4o-mini", "ft:gpt-4o-mini:acme::9xYz", "llama3:8b",
            "accounts/fireworks/models/llama-v3p1-8b-instruct", "anthropic/claude-3.5-sonnet:beta",
            "meta-llama/Llama-3.3-70B-Instruct-Turbo", "claude-3@20240229", "a+b~c", "x...y", ".hidden" })
    void acceptsTheIdsProvidersUse(String id) {
        assertThat(ModelIds.isValid(id)).isTrue();
    }

    @Test
    void refusesEveryCharacterOutsideTheAlphabet() {
        List<String> accepted = new ArrayList<>();
        for (char c = 0; c < 0x3000; c++) {
            boolean allowed = Character.isLetterOrDigit(c) && c < 0x80 || "._-:@+~/".indexOf(c) >= 0;
            String id = "gpt" + c + "4";
            if (ModelIds.isValid(id) != allowed) {
                accepted.add(Integer.toHexString(c));
            }
        }
        assertThat(accepted).as("characters judged wrongly").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "/", "a/", "/a", "a//b", "..", ".", "a/../b", "a/./b", "a/..", "./a",
            "https://evil/v1" })
    void refusesEmptyAndDotSegments(String id) {
        assertThat(ModelIds.isValid(id)).isFalse();
    }

    @Test
    void capsTheLength() {
        assertThat(ModelIds.isValid("m".repeat(256))).isTrue();
        assertThat(ModelIds.isValid("m".repeat(257))).isFalse();
        assertThat(ModelIds.isValid(null)).isFalse();
    }

    @Test
    void namesTheParameterWithoutEchoingTheId() {
        assertThatThrownBy(() -> ModelIds.require("bad\u0007id", "model")).isInstanceOfSatisfying(GatewayException.class,
                e -> {
                    assertThat(e.param()).contains("model");
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
                    assertThat(e.getMessage()).doesNotContain("bad");
                });
    }
}
