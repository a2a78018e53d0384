package dev.wormhole.api;

import java.io.IOException;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import dev.wormhole.api.dto.ResponseObject;
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

    /** Stores {@code response} when its turn asked for it; completes at once otherwise. */
    Uni<Void> save(ResponseTurn turn, ResponseObject response) {
        if (!turn.stored()) {
            return Uni.createFrom().voidItem();
        }
        return store.put(response.id(), new StoredResponse(json.bytes(response), json.bytes(turn.storedInput())));
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
