package dev.wormhole.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import io.vertx.core.http.HttpClosedException;

class UpstreamFailuresTest {

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource(nullValues = "null", value = {
            "400, null, INVALID_REQUEST, 400",
            "400, context_length_exceeded, CONTEXT_LENGTH_EXCEEDED, 400",
            "400, content_filter, CONTENT_FILTERED, 400",
            "422, null, INVALID_REQUEST, 400",
            "401, invalid_api_key, UPSTREAM_AUTHENTICATION, 502",
            "403, null, PERMISSION_DENIED, 403",
            "404, model_not_found, NOT_FOUND, 404",
            "408, null, UPSTREAM_TIMEOUT, 504",
            "409, null, INVALID_REQUEST, 400",
            "413, null, PAYLOAD_TOO_LARGE, 413",
            "429, rate_limit_exceeded, RATE_LIMITED, 429",
            "500, null, UPSTREAM_ERROR, 502",
            "502, null, UPSTREAM_ERROR, 502",
            "503, null, UNAVAILABLE, 503",
            "504, null, UPSTREAM_TIMEOUT, 504",
            "529, overloaded_error, UNAVAILABLE, 503" })
    void mapsUpstreamStatusesToTheTaxonomy(int status, String code, ErrorKind kind, int clientStatus) {
        GatewayException e = UpstreamFailures.fromStatus("openai", status, "upstream says no", code, null);

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.kind().httpStatus()).isEqualTo(clientStatus);
        assertThat(e.getMessage()).contains("openai").contains(String.valueOf(status));
    }

    @Test
    void onlyTransientFaultsAreRetryable() {
        assertThat(UpstreamFailures.fromStatus("p", 429, null, null, null).kind().retryable()).isTrue();
        assertThat(UpstreamFailures.fromStatus("p", 503, null, null, null).kind().retryable()).isTrue();
        assertThat(UpstreamFailures.fromStatus("p", 400, null, null, null).kind().retryable()).isFalse();
        assertThat(UpstreamFailures.fromStatus("p", 401, null, null, null).kind().retryable()).isFalse();
        assertThat(UpstreamFailures.fromStatus("p", 404, null, null, null).kind().retryable()).isFalse();
    }

    @Test
    void neverRepeatsTheUpstreamMessageOfAnAuthFailure() {
        GatewayException e = UpstreamFailures.fromStatus("openai", 401, "Incorrect API key provided: sk-proj-abcdef123456",
                "invalid_api_key", null);
        assertThat(e.getMessage()).doesNotContain("sk-proj").doesNotContain("abcdef");
    }

    @Test
    void masksSecretsAndCapsOtherMessages() {
        assertThat(UpstreamFailures.clean("bad key sk-abcdefghijkl and Bearer xyz123456789 end"))
                .isEqualTo("bad key sk-[redacted] and Bearer [redacted] end");
        assertThat(UpstreamFailures.clean("x".repeat(1000))).hasSize(501);
    }

    @Test
    void carriesRetryAfter() {
        assertThat(UpstreamFailures.fromStatus("p", 429, null, null, Duration.ofSeconds(3)).retryAfter())
                .contains(Duration.ofSeconds(3));
    }

    @Test
    void readsRetryAfterInSecondsMillisecondsOrAsADate() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
        assertThat(UpstreamFailures.parseRetryAfter("7", null, clock)).isEqualTo(Duration.ofSeconds(7));
        assertThat(UpstreamFailures.parseRetryAfter("1.5", null, clock)).isEqualTo(Duration.ofMillis(1500));
        assertThat(UpstreamFailures.parseRetryAfter("9", "250", clock)).isEqualTo(Duration.ofMillis(250));
        assertThat(UpstreamFailures.parseRetryAfter("Fri, 27 Nov 2026 10:00:30 GMT", null, clock))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(UpstreamFailures.parseRetryAfter("Fri, 27 Nov 2026 09:00:00 GMT", null, clock)).isZero();
        assertThat(UpstreamFailures.parseRetryAfter("soon", null, clock)).isNull();
        assertThat(UpstreamFailures.parseRetryAfter(null, null, clock)).isNull();
    }

    @Test
    void mapsTransportFaults() {
        assertThat(UpstreamFailures.fromThrowable("p", new ConnectException("refused")).code())
                .isEqualTo("upstream_unreachable");
        assertThat(UpstreamFailures.fromThrowable("p", new TimeoutException()).kind())
                .isEqualTo(ErrorKind.UPSTREAM_TIMEOUT);
        assertThat(UpstreamFailures.fromThrowable("p", new HttpClosedException("closed")).code())
                .isEqualTo("upstream_connection_closed");
        assertThat(UpstreamFailures.fromThrowable("p", new IOException("Connection reset")).code())
                .isEqualTo("upstream_connection_closed");
        GatewayException known = GatewayException.of(ErrorKind.RATE_LIMITED, "x", "y");
        assertThat(UpstreamFailures.fromThrowable("p", known)).isSameAs(known);
    }
}
