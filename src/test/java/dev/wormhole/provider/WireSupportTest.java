package dev.wormhole.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.core.GatewayException;

class WireSupportTest {

    private record Turn(String role, List<String> parts) {
    }

    @Test
    void takesOnlyBase64DataUrlsAsInlineData() {
        assertThat(WireSupport.inlineData("data:IMAGE/PNG;base64,iVBORw0KGgo="))
                .isEqualTo(new WireSupport.InlineData("image/png", "iVBORw0KGgo="));
        assertThat(WireSupport.inlineData("data:image/svg+xml,<svg/>")).isNull();
        assertThat(WireSupport.inlineData("https://example.com/cat.png")).isNull();
    }

    @Test
    void readsToolArgumentsAsAnObjectOrNamesTheField() {
        ObjectMapper json = new ObjectMapper();

        assertThat(WireSupport.jsonObject("{\"q\":1}", "p", "X", json)).isEqualTo(Map.of("q", 1));
        assertThat(WireSupport.jsonObject("  ", "p", "X", json)).isEmpty();
        assertThatThrownBy(() -> WireSupport.jsonObject("[1]", "p", "X", json))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.param()).contains("p"));
        assertThatThrownBy(() -> WireSupport.jsonObject("{", "p", "X", json)).isInstanceOf(GatewayException.class);
    }

    @Test
    void mergesConsecutiveTurnsOfOneRoleAndSkipsEmptyOnes() {
        List<Turn> turns = new ArrayList<>();

        WireSupport.appendTurn(turns, "user", List.of("a"), Turn::role, Turn::parts, Turn::new);
        WireSupport.appendTurn(turns, "user", List.of("b"), Turn::role, Turn::parts, Turn::new);
        WireSupport.appendTurn(turns, "model", List.of(), Turn::role, Turn::parts, Turn::new);
        WireSupport.appendTurn(turns, "model", List.of("c"), Turn::role, Turn::parts, Turn::new);

        assertThat(turns).containsExactly(new Turn("user", List.of("a", "b")), new Turn("model", List.of("c")));
    }

    @Test
    void readsRfc3339TimesWithAnyOffsetAndFallsBackOtherwise() {
        assertThat(WireSupport.epochSeconds("2025-06-01T10:00:00Z", 7)).isEqualTo(1748772000L);
        assertThat(WireSupport.epochSeconds("2025-06-01T12:00:00+02:00", 7)).isEqualTo(1748772000L);
        assertThat(WireSupport.epochSeconds("yesterday", 7)).isEqualTo(7);
        assertThat(WireSupport.epochSeconds(null, 7)).isEqualTo(7);
    }
}
