package dev.wormhole.tool;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.config.ToolConfig;
import dev.wormhole.config.WormholeConfig;
import io.quarkus.arc.All;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;

/**
 * Every server-side tool: the CDI beans implementing {@link Tool} (built-ins and the user's own) and the
 * HTTP tools defined under {@code wormhole.tools.<name>.url}. Built at start-up, which fails with one message
 * naming every invalid or duplicate tool.
 */
@Startup
@ApplicationScoped
public class ToolRegistry {

    private static final String NAME = "[a-zA-Z0-9_-]{1,64}";

    private final Map<String, Tool> tools = new TreeMap<>();
    private final HttpClient httpClient;

    ToolRegistry(@All List<Tool> beans, WormholeConfig config, Vertx vertx, ObjectMapper json) {
        this.httpClient = vertx.createHttpClient(new HttpClientOptions().setName("wormhole-tools").setKeepAlive(true));
        List<String> problems = new ArrayList<>();
        for (Tool tool : beans) {
            add(tool, problems);
        }
        long maxOutput = config.agent().maxToolOutput().asLongValue();
        config.tools().forEach((name, tool) -> tool.url().ifPresent(url -> {
            Map<String, Object> schema = schema(name, tool, json, problems);
            add(new HttpTool(name, tool.description().orElse("HTTP tool " + name), schema, tool.idempotent(), url,
                    tool.method(), tool.headers(), maxOutput, httpClient, json), problems);
        }));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Wormhole cannot start; fix the tools:\n  - " + String.join("\n  - ", problems));
        }
    }

    private void add(Tool tool, List<String> problems) {
        if (!tool.name().matches(NAME)) {
            problems.add("tool name '" + tool.name() + "' must be 1 to 64 letters, digits, '_' or '-'");
        } else if (tools.putIfAbsent(tool.name(), tool) != null) {
            problems.add("two tools are named '" + tool.name() + "'");
        }
    }

    private static Map<String, Object> schema(String name, ToolConfig tool, ObjectMapper json, List<String> problems) {
        String text = tool.schema().orElse("{\"type\":\"object\"}");
        try {
            Map<String, Object> schema = json.readValue(text, new TypeReference<Map<String, Object>>() {
            });
            if (!"object".equals(schema.get("type"))) {
                problems.add("wormhole.tools." + name + ".schema must be an object schema ({\"type\":\"object\",…})");
            }
            return schema;
        } catch (java.io.IOException e) {
            problems.add("wormhole.tools." + name + ".schema is not valid JSON");
            return Map.of();
        }
    }

    /** A tool by name. */
    public Optional<Tool> find(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    /** Every tool, sorted by name. */
    public Collection<Tool> all() {
        return tools.values();
    }

    @PreDestroy
    void close() {
        httpClient.close();
    }
}
