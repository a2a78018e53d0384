package dev.wormhole.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import dev.wormhole.store.ResponseStore;
import dev.wormhole.store.StoredResponse;
import io.smallrye.mutiny.Uni;

/**
 * The Responses API's stored state on top of the {@link ResponseStore}: stores a response with its effective
 * input, continues a stored one ({@code previous_response_id}), and answers {@code GET} and {@code DELETE} on
 * {@code /v1/responses/{id}} and {@code GET .../input_items}. An id never stored, expired, evicted or deleted is a
 * 404 in OpenAI's envelope.
 */
@ApplicationScoped
class StoredResponses {

    private final ResponseStore store;
    private final JsonWriter json;
    private final ObjectMapper mapper;

    StoredResponses(ResponseStore store, JsonWriter json, ObjectMapper mapper) {
        this.store = store;
        this.json = json;
        this.mapper = mapper;
    }

    /** The effective input of a turn after the stored response {@code previousId}: 404 if it is not stored. */
    Uni<ArrayNode> continuing(String previousId, JsonNode input) {
        String id = ResponseIds.check(previousId, "previous_response_id");
        return stored(id, "previous_response_id").map(previous -> ResponseChain.continued(tree(previous.input()),
                tree(previous.response()), input));
    }

    /** Stores a response object (its JSON as returned) when its turn asked for it; completes at once otherwise. */
    Uni<Void> save(ResponseTurn turn, byte[] response) {
        if (!turn.stored()) {
            return Uni.createFrom().voidItem();
        }
        String id = tree(response).path("id").asText("");
        if (!ResponseIds.valid(id)) {
            return Uni.createFrom().failure(GatewayException.of(ErrorKind.UPSTREAM_ERROR, "upstream_malformed_response",
                    "The response cannot be stored: its id does not have the shape of a response id."));
        }
        return store.put(id, new StoredResponse(response, json.bytes(turn.storedInput())));
    }

    /**
     * A relayed reply or stream event as the client should see it: the upstream stored nothing and saw no
     * {@code previous_response_id} (the gateway keeps the state), so a response object in it is told what the
     * gateway did. Unchanged (and not parsed) when the turn neither stores nor continues.
     */
    byte[] relayed(ResponseTurn turn, byte[] reply) {
        String previous = turn.body().previousResponseId();
        if (!turn.stored() && previous == null) {
            return reply;
        }
        JsonNode node = tree(reply);
        JsonNode response = node.has("response") ? node.get("response") : node;
        if (response instanceof ObjectNode object && "response".equals(object.path("object").asText())) {
            object.put("store", turn.stored());
            object.put("previous_response_id", previous);
        }
        return json.bytes(node);
    }

    /** What a stream of {@code turn} does at its end and to its relayed events. */
    ResponseStreamEnd streamEnd(ResponseTurn turn) {
        if (!turn.stored() && turn.body().previousResponseId() == null) {
            return ResponseStreamEnd.NONE;
        }
        return new ResponseStreamEnd() {
            @Override
            public String relayed(String data) {
                return new String(StoredResponses.this.relayed(turn, data.getBytes(StandardCharsets.UTF_8)),
                        StandardCharsets.UTF_8);
            }

            @Override
            public Uni<Void> ended(byte[] response) {
                return save(turn, response);
            }

            @Override
            public Uni<Void> endedRelayed(String event) {
                return save(turn, json.bytes(tree(event.getBytes(StandardCharsets.UTF_8)).path("response")));
            }
        };
    }

    /** The stored response object, as it was returned. */
    Uni<byte[]> response(String id) {
        return stored(ResponseIds.check(id, "response_id"), null).map(StoredResponse::response);
    }

    /** A page of the stored response's effective input items ({@link ResponseInputItemPages}). */
    Uni<byte[]> inputItems(String id, String limit, String order, String after) {
        String checked = ResponseIds.check(id, "response_id");
        return stored(checked, null).map(entry -> json.bytes(ResponseInputItemPages.page(tree(entry.input()), checked,
                limit, order, after)));
    }

    /** Deletes the stored response; OpenAI's confirmation, or a 404 if there was none. */
    Uni<byte[]> delete(String id) {
        String checked = ResponseIds.check(id, "response_id");
        return store.delete(checked).map(deleted -> {
            if (!deleted) {
                throw notFound(checked, null);
            }
            return json.bytes(Map.of("id", checked, "object", "response", "deleted", true));
        });
    }

    /** Parses JSON this gateway stored. */
    JsonNode tree(byte[] stored) {
        try {
            return mapper.readTree(stored);
        } catch (IOException e) {
            throw new IllegalStateException("A stored response is not readable JSON", e);
        }
    }

    private Uni<StoredResponse> stored(String id, String param) {
        return store.get(id).map(found -> found.orElseThrow(() -> notFound(id, param)));
    }

    private static GatewayException notFound(String id, String param) {
        return GatewayException.notFound(param, "response_not_found", "No stored response has the id '" + id
                + "': it was never stored (store: true), or it has expired or been deleted.");
    }
}
