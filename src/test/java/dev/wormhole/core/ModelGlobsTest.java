package dev.wormhole.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ModelGlobsTest {

    @Test
    void matchesWholeNamesWithStarAndQuestionMark() {
        ModelGlobs globs = ModelGlobs.of(List.of("openai/*", "claude-?-sonnet", "smart"));
        assertThat(globs.allows("openai/gpt-4o")).isTrue();
        assertThat(globs.allows("claude-4-sonnet")).isTrue();
        assertThat(globs.allows("smart")).isTrue();
        assertThat(globs.allows("smarter")).isFalse();
        assertThat(globs.allows("anthropic/openai/x")).isFalse();
        assertThat(globs.allows("claude-45-sonnet")).isFalse();
        assertThat(globs.allows(null)).isFalse();
    }

    @Test
    void treatsRegexCharactersLiterally() {
        ModelGlobs globs = ModelGlobs.of(List.of("gpt-4.1"));
        assertThat(globs.allows("gpt-4.1")).isTrue();
        assertThat(globs.allows("gpt-4x1")).isFalse();
    }

    @Test
    void starAloneAllowsEverything() {
        assertThat(ModelGlobs.of(List.of("sim-1", "*"))).isSameAs(ModelGlobs.ANY);
        assertThat(ModelGlobs.ANY.allows("anything/at-all")).isTrue();
    }

    @Test
    void refusesInvalidGlobs() {
        assertThat(ModelGlobs.valid("bad glob")).isFalse();
        assertThat(ModelGlobs.valid("")).isFalse();
        assertThat(ModelGlobs.valid("a(b)")).isFalse();
        assertThat(ModelGlobs.valid("x".repeat(201))).isFalse();
        assertThatThrownBy(() -> ModelGlobs.of(List.of("ok", "no way"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void callerRefusesAModelOutsideItsGlobsWithA403() {
        Caller caller = new Caller("key_1", "k", null, ModelGlobs.of(List.of("sim-*")), KeyLimits.NONE);
        caller.requireModel("sim-1", "model");
        assertThatThrownBy(() -> caller.requireModel("openai/gpt-4o", "model")).isInstanceOfSatisfying(
                GatewayException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.PERMISSION_DENIED);
                    assertThat(e.param()).contains("model");
                    assertThat(e.code()).isEqualTo("model_not_allowed");
                });
    }
}
