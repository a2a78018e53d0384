package dev.wormhole.tool;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.smallrye.mutiny.Uni;

/**
 * Test tools {@code flaky_tool} (idempotent) and, as a subclass, {@code once_tool} (not idempotent): each call
 * with a {@code key} fails transiently until {@code failures} calls with that key have failed, then succeeds;
 * {@code calls(key)} counts how often the tool really ran.
 */
@ApplicationScoped
public class FlakyTool implements Tool {

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "flaky_tool";
    }

    @Override
    public String description() {
        return "Fails a given number of times, then succeeds.";
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of("type", "object", "properties", Map.of("key", Map.of("type", "string"), "failures",
                Map.of("type", "integer", "minimum", 0)), "required", List.of("key", "failures"),
                "additionalProperties", false);
    }

    @Override
    public boolean idempotent() {
        return true;
    }

    int calls(String key) {
        return calls.getOrDefault(key, new AtomicInteger()).get();
    }

    @Override
    public Uni<JsonNode> execute(JsonNode arguments) {
        return Uni.createFrom().item(() -> {
            String key = arguments.get("key").asText();
            int n = calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            if (n <= arguments.get("failures").asInt()) {
                throw new ToolException("failure " + n + " of " + key, true);
            }
            return JsonNodeFactory.instance.objectNode().put("key", key).put("call", n);
        });
    }
}
