package dev.wormhole.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.wormhole.core.Deadline;
import dev.wormhole.core.GatewayException;

class ClientDeadlinesTest {

    @ParameterizedTest
    @CsvSource({ "30,30000", "2.5,2500", "600.0,600000", "500ms,500", "1.5s,1500", "2m,120000", "999999,86400000" })
    void readsSecondsAndUnits(String value, long millis) {
        assertThat(ClientDeadlines.parse(value, true)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "abc", "-1", "0", "0.0001", "1e3", "10 s", "5h", "1,5", "NaN", "0x10" })
    void refusesWhatIsNotAPositiveDuration(String value) {
        assertThat(ClientDeadlines.parse(value, true)).isNull();
    }

    @Test
    void takesTheShorterOfTheTwoHeadersFromTheArrival() {
        Deadline deadline = ClientDeadlines.of("2", "600", 1_000L);
        assertThat(deadline.atNanos()).isEqualTo(1_000L + 2_000_000_000L);
        assertThat(deadline.source()).isEqualTo("x-wormhole-timeout");
        assertThat(ClientDeadlines.of("60", "3", 0L).source()).isEqualTo("X-Stainless-Timeout");
        assertThat(ClientDeadlines.of(null, null, 0L)).isNull();
    }

    @Test
    void refusesAnUnreadableGatewayHeaderButIgnoresAnUnreadableSdkHeader() {
        assertThatThrownBy(() -> ClientDeadlines.of("soon", null, 0L)).isInstanceOf(GatewayException.class);
        assertThat(ClientDeadlines.of(null, "500ms", 0L)).isNull();
        assertThat(ClientDeadlines.of(null, "soon", 0L)).isNull();
    }
}
