package dev.wormhole.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.wormhole.core.GatewayException;

/**
 * Conversations as Responses API input items (JSON), the form both the translation to any provider and a
 * pass-through to OpenAI's own {@code /v1/responses} can send: a string {@code input} as its user message item,
 * and the turn after a stored response as that response's input, then its output, then the new input. A
 * previous response's {@code instructions} are not carried over, as on OpenAI.
 */
final class ResponseChain {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ResponseChain() {
    }

    /** {@code input} as an array of items; a string becomes one user message. Copies, never aliases. */
    static ArrayNode items(JsonNode input) {
        if (input != null && input.isTextual()) {
            ObjectNode part = NODES.objectNode().put("type", "input_text").put("text", input.asText());
            ObjectNode message = NODES.objectNode().put("type", "message").put("role", "user");
            message.putArray("content").add(part);
            return NODES.arrayNode().add(message);
        }
        if (input == null || !input.isArray() || input.isEmpty()) {
            throw GatewayException.invalid("input", "input must be a string or a non-empty array of input items.");
        }
        return ((ArrayNode) input).deepCopy();
    }

    /**
     * The effective input of a turn that continues a stored response: its effective input, its output items,
     * then this turn's {@code input}.
     */
    static ArrayNode continued(JsonNode previousInput, JsonNode previousResponse, JsonNode input) {
        ArrayNode items = NODES.arrayNode();
        items.addAll((ArrayNode) previousInput.deepCopy());
        JsonNode output = previousResponse.path("output");
        if (output.isArray()) {
            items.addAll((ArrayNode) output.deepCopy());
        }
        items.addAll(items(input));
        return items;
    }
}
