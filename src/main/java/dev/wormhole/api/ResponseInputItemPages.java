package dev.wormhole.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.wormhole.core.GatewayException;

/**
 * {@code GET /v1/responses/{id}/input_items}: one page of a stored response's effective input, in OpenAI's list
 * shape ({@code object: "list"}, {@code data}, {@code first_id}, {@code last_id}, {@code has_more}). Items are
 * shown as OpenAI shows them: each with an {@code id} (made from the response id and the item's position when the
 * client sent none), messages with a {@code status} and their content as parts. Newest first unless
 * {@code order=asc}; {@code after} is the id of the item the page starts after.
 */
final class ResponseInputItemPages {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ResponseInputItemPages() {
    }

    /** The page; {@code limit}, {@code order} and {@code after} as the query gave them (null when absent). */
    static ObjectNode page(JsonNode input, String responseId, String limit, String order, String after) {
        int size = limit(limit);
        boolean ascending = ascending(order);
        List<ObjectNode> items = new ArrayList<>();
        String suffix = responseId.substring("resp_".length());
        for (int i = 0; i < input.size(); i++) {
            items.add(shown(input.get(i), suffix, i));
        }
        if (!ascending) {
            Collections.reverse(items);
        }
        int start = 0;
        if (after != null) {
            start = indexOf(items, after) + 1;
        }
        int end = Math.min(items.size(), start + size);
        ArrayNode data = NODES.arrayNode();
        items.subList(start, end).forEach(data::add);
        ObjectNode page = NODES.objectNode().put("object", "list");
        page.set("data", data);
        page.put("first_id", data.isEmpty() ? null : data.get(0).get("id").asText());
        page.put("last_id", data.isEmpty() ? null : data.get(data.size() - 1).get("id").asText());
        page.put("has_more", end < items.size());
        return page;
    }

    private static int limit(String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Falls through to the refusal.
        }
        throw GatewayException.invalid("limit", "limit must be an integer from 1 to " + MAX_LIMIT + ".");
    }

    private static boolean ascending(String order) {
        if (order == null || "desc".equals(order)) {
            return false;
        }
        if ("asc".equals(order)) {
            return true;
        }
        throw GatewayException.invalid("order", "order must be 'asc' or 'desc'.");
    }

    private static int indexOf(List<ObjectNode> items, String id) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).get("id").asText().equals(id)) {
                return i;
            }
        }
        throw GatewayException.invalid("after", "after must be the id of one of this response's input items.");
    }

    /** An item as OpenAI lists it. */
    private static ObjectNode shown(JsonNode stored, String suffix, int index) {
        ObjectNode item = NODES.objectNode();
        String type = stored.path("type").isTextual() ? stored.get("type").asText() : "message";
        item.put("type", type);
        item.setAll((ObjectNode) stored.deepCopy());
        if (!item.path("id").isTextual()) {
            item.put("id", prefix(type) + "_" + suffix + "_in" + index);
        }
        if ("message".equals(type)) {
            if (!item.path("status").isTextual()) {
                item.put("status", "completed");
            }
            JsonNode content = item.get("content");
            if (content != null && content.isTextual()) {
                boolean assistant = "assistant".equals(item.path("role").asText());
                ObjectNode part = NODES.objectNode().put("type", assistant ? "output_text" : "input_text")
                        .put("text", content.asText());
                if (assistant) {
                    part.putArray("annotations");
                }
                item.putArray("content").add(part);
            }
        }
        return item;
    }

    private static String prefix(String type) {
        return switch (type) {
            case "function_call" -> "fc";
            case "function_call_output" -> "fco";
            case "reasoning" -> "rs";
            default -> "msg";
        };
    }
}
