package dev.wormhole.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.wormhole.core.GatewayException;
import dev.wormhole.core.ToolDefinition;

/**
 * The tools one request declares, with the checks every inbound API shares (Chat Completions, Messages,
 * Responses): at most {@value ToolDefinitions#MAX_TOOLS} tools, each name used once, and parameters that are a
 * well-formed JSON Schema object. Each API reads its own tool shape and names its own fields in the 400.
 */
final class DeclaredTools {

    private final Map<String, Integer> names = new HashMap<>();
    private final List<ToolDefinition> tools = new ArrayList<>();

    /** Room for {@code count} tools; more than the limit is a 400 naming {@code tools}. */
    DeclaredTools(int count) {
        if (count > ToolDefinitions.MAX_TOOLS) {
            throw GatewayException.invalid("tools", "A request may declare at most " + ToolDefinitions.MAX_TOOLS
                    + " tools, not " + count + ".");
        }
    }

    /**
     * Adds the tool at {@code index}.
     *
     * @param namePath   the wire path of its name, e.g. {@code tools[2].function.name}
     * @param schemaPath the wire path of its parameters schema
     */
    void add(int index, String name, String namePath, String description, Map<String, Object> schema,
            String schemaPath, Boolean strict) {
        Integer earlier = names.putIfAbsent(name, index);
        if (earlier != null) {
            throw GatewayException.invalid(namePath, "The tool name '" + name + "' is already used by tools["
                    + earlier + "]; names must be unique.");
        }
        ToolSchemas.check(schema, schemaPath);
        tools.add(new ToolDefinition(name, description, schema, strict));
    }

    /** The tools, in declaration order. */
    List<ToolDefinition> list() {
        return List.copyOf(tools);
    }
}
