package dev.wormhole.tool;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/** Test tool {@code sleep_tool}: answers after {@code millis} on a Vert.x timer; counts calls running at once. */
@Singleton
public class SleepTool implements Tool {

    static final AtomicInteger RUNNING = new AtomicInteger();
    static final AtomicInteger MAX_RUNNING = new AtomicInteger();
    static final AtomicInteger STARTED = new AtomicInteger();

    private final Vertx vertx;

    SleepTool(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public String name() {
        return "sleep_tool";
    }

    @Override
    public String description() {
        return "Waits a number of milliseconds.";
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of("type", "object", "properties", Map.of("millis", Map.of("type", "integer", "minimum", 0)),
                "required", List.of("millis"));
    }

    @Override
    public boolean idempotent() {
        return true;
    }

    @Override
    public Uni<JsonNode> execute(JsonNode arguments) {
        return Uni.createFrom().emitter(emitter -> {
            STARTED.incrementAndGet();
            MAX_RUNNING.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
            long timer = vertx.setTimer(Math.max(1, arguments.get("millis").asLong()), id -> {
                RUNNING.decrementAndGet();
                emitter.complete(JsonNodeFactory.instance.objectNode().put("slept", arguments.get("millis").asLong()));
            });
            emitter.onTermination(() -> {
                if (vertx.cancelTimer(timer)) {
                    RUNNING.decrementAndGet();
                }
            });
        });
    }
}
