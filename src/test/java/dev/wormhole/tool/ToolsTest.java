package dev.wormhole.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.testing.Gateway;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/** Server-side tools through their guards: breaker, bulkhead, retry, timeout and schema, per tool. */
@QuarkusTest
class ToolsTest {

    @Inject
    ToolInvoker invoker;

    @Inject
    ToolRegistry registry;

    @Inject
    ObjectMapper json;

    @BeforeEach
    void reset() {
        invoker.resetAll();
    }

    private JsonNode args(String text) throws Exception {
        return json.readTree(text);
    }

    private ToolOutcome call(String tool, String arguments) throws Exception {
        return invoker.invoke(tool, args(arguments)).await().atMost(Duration.ofSeconds(10));
    }

    private int ran(String tool, String key) {
        return ((FlakyTool) registry.find(tool).orElseThrow()).calls(key);
    }

    @Test
    void aFailingToolOpensOnlyItsOwnBreakerThenAProbeClosesIt() throws Exception {
        for (int i = 0; i < 4; i++) {
            assertThat(call("once_tool", "{\"key\":\"brk\",\"failures\":100}").errorType()).isEqualTo("tool_error");
        }
        assertThat(invoker.state("once_tool")).isEqualTo(CircuitBreakerState.OPEN);

        assertThat(call("once_tool", "{\"key\":\"brk\",\"failures\":100}").errorType()).isEqualTo("circuit_open");
        assertThat(ran("once_tool", "brk")).isEqualTo(4);
        assertThat(call("flaky_tool", "{\"key\":\"other\",\"failures\":0}").succeeded()).isTrue();
        assertThat(invoker.state("flaky_tool")).isEqualTo(CircuitBreakerState.CLOSED);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> call("once_tool", "{\"key\":\"probe\",\"failures\":0}").succeeded());
        assertThat(invoker.state("once_tool")).isEqualTo(CircuitBreakerState.CLOSED);
    }

    @Test
    void aFullBulkheadRejectsCallsOfThatToolOnly() throws Exception {
        SleepTool.RUNNING.set(0);
        List<CompletableFuture<ToolOutcome>> running = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            running.add(invoker.invoke("sleep_tool", args("{\"millis\":1500}")).subscribe().asCompletionStage());
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> SleepTool.RUNNING.get() == 2);

        // Two run, one waits in the queue of one: a fourth is turned away at once.
        assertThat(call("sleep_tool", "{\"millis\":1}").errorType()).isEqualTo("bulkhead_full");
        assertThat(call("flaky_tool", "{\"key\":\"bulk\",\"failures\":0}").succeeded()).isTrue();
        for (CompletableFuture<ToolOutcome> outcome : running) {
            assertThat(outcome.get(10, TimeUnit.SECONDS).succeeded()).isTrue();
        }
    }

    @Test
    void retriesOnlyIdempotentTools() throws Exception {
        assertThat(call("flaky_tool", "{\"key\":\"r1\",\"failures\":2}").succeeded()).isTrue();
        assertThat(ran("flaky_tool", "r1")).isEqualTo(3);

        assertThat(call("once_tool", "{\"key\":\"r2\",\"failures\":2}").errorType()).isEqualTo("tool_error");
        assertThat(ran("once_tool", "r2")).isEqualTo(1);
    }

    @Test
    void aSlowToolTimesOutAndGivesItsPermitBack() throws Exception {
        long start = System.nanoTime();
        ToolOutcome slow = call("nap_tool", "{\"millis\":5000}");
        assertThat(slow.errorType()).isEqualTo("timeout");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4_000);

        // nap_tool runs one call at a time: this one can only run if the timed-out call released its permit.
        assertThat(call("nap_tool", "{\"millis\":10}").succeeded()).isTrue();
    }

    @Test
    void rejectsInvalidArgumentsWithoutRunningTheTool() throws Exception {
        ToolOutcome outcome = call("flaky_tool", "{\"key\":7,\"failures\":-1,\"extra\":true}");

        assertThat(outcome.errorType()).isEqualTo("invalid_arguments");
        assertThat(outcome.errorMessage()).contains("$.key must be of type string", "$.failures must be at least 0",
                "$.extra is not allowed");
        assertThat(ran("flaky_tool", "7")).isZero();
        Gateway.request().body("{}").post("/v1/tools/calculator/invoke").then().statusCode(400)
                .body("error.code", equalTo("invalid_arguments"));
    }
}
