package dev.wormhole.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.wormhole.testing.Gateway;
import dev.wormhole.testing.LogCapture;
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The access log: one line per request on {@code wormhole.access}, with the same fields in the MDC for JSON logging,
 * for answers, streams and refusals alike; never the prompt, never a secret, never {@code /q/*}. In process only (it
 * reads the log records).
 */
@QuarkusTest
class AccessLogTest {

    private final Logger category = Logger.getLogger(AccessLog.CATEGORY);
    private Level level;
    private LogCapture capture;

    @BeforeEach
    void listen() {
        level = category.getLevel();
        category.setLevel(Level.INFO);
        capture = LogCapture.attach(AccessLog.CATEGORY);
    }

    @AfterEach
    void stop() {
        capture.detach();
        category.setLevel(level);
    }

    /** The fields of the one line logged for the request with {@code requestId}. */
    private Map<String, String> line(String requestId) {
        await().atMost(Duration.ofSeconds(5)).until(() -> capture.records().stream()
                .anyMatch(r -> requestId.equals(r.getMdc("request_id"))));
        List<ExtLogRecord> lines = capture.records().stream().filter(r -> requestId.equals(r.getMdc("request_id"))).toList();
        assertThat(lines).hasSize(1);
        ExtLogRecord record = lines.get(0);
        assertThat(record.getLevel()).isEqualTo(org.jboss.logmanager.Level.INFO);
        @SuppressWarnings("unchecked")
        Map<String, String> fields = (Map<String, String>) (Map<?, ?>) record.getMdcCopy();
        assertThat(record.getMessage()).startsWith("request_id=" + requestId + " ")
                .contains("status=" + fields.get("status"));
        return fields;
    }

    @Test
    void anAnswerIsLoggedWithItsKeyModelRouteTokensAndCostButNotItsPrompt() {
        String id = "req-" + UUID.randomUUID();
        String secretPrompt = "do-not-log-" + UUID.randomUUID();
        Gateway.request().header("x-request-id", id).body("{\"model\":\"sim-1\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"" + secretPrompt + "\"}]}").post("/v1/chat/completions").then().statusCode(200);

        Map<String, String> fields = line(id);
        assertThat(fields).containsEntry("method", "POST").containsEntry("path", "/v1/chat/completions")
                .containsEntry("status", "200").containsEntry("key", "static").containsEntry("model", "sim-1")
                .containsEntry("route", "simulator/sim-1=ok").containsEntry("attempts", "1")
                .containsEntry("completed", "true").containsKeys("duration_ms", "upstream_ms", "bytes_in", "bytes_out")
                .doesNotContainKey("ttft_ms");
        assertThat(Long.parseLong(fields.get("prompt_tokens"))).isPositive();
        assertThat(Long.parseLong(fields.get("completion_tokens"))).isPositive();
        assertThat(Double.parseDouble(fields.get("cost_usd"))).as("sim-1 is priced in the test configuration")
                .isPositive();
        assertThat(Long.parseLong(fields.get("bytes_in"))).isPositive();
        assertThat(capture.records()).noneMatch(r -> r.getMessage().contains(secretPrompt)
                || r.getMdcCopy().values().stream().anyMatch(v -> String.valueOf(v).contains(secretPrompt)))
                .noneMatch(r -> r.getMessage().contains(UpstreamMock.GATEWAY_KEY));
    }

    @Test
    void aStreamIsLoggedWithItsTimeToFirstToken() {
        String id = "req-" + UUID.randomUUID();
        Gateway.request().header("x-request-id", id).body(Gateway.chat("sim-1", true)).post("/v1/chat/completions")
                .then().statusCode(200);

        Map<String, String> fields = line(id);
        assertThat(fields).containsEntry("status", "200").containsKeys("ttft_ms", "completion_tokens");
        assertThat(Double.parseDouble(fields.get("ttft_ms")))
                .isLessThanOrEqualTo(Double.parseDouble(fields.get("duration_ms")));
    }

    @Test
    void refusalsAreLoggedAndProbesAreNot() {
        String id = "req-" + UUID.randomUUID();
        Gateway.as("wh-unknown-" + UUID.randomUUID()).header("x-request-id", id).body(Gateway.chat("sim-1", false))
                .post("/v1/chat/completions").then().statusCode(401);
        Map<String, String> fields = line(id);
        assertThat(fields).containsEntry("status", "401").containsEntry("attempts", "0").doesNotContainKey("route");

        String probe = "req-" + UUID.randomUUID();
        Gateway.request().header("x-request-id", probe).get("/q/health/live").then().statusCode(200);
        Gateway.request().header("x-request-id", probe).get("/v1/models").then().statusCode(200);
        assertThat(line(probe)).containsEntry("path", "/v1/models");
    }
}
