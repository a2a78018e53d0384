package dev.wormhole.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.wormhole.api.dto.ResponseCreateRequest;

/**
 * One {@code POST /v1/responses} ready to dispatch: the body with the whole conversation in its {@code input}
 * (a {@code previous_response_id} already expanded), as a DTO and as the JSON a relaying target receives, its
 * core form for translating targets, and, when the response is to be stored, the effective input to store beside
 * it (else null).
 */
record ResponseTurn(ResponseCreateRequest body, ObjectNode raw, Translation core, ArrayNode storedInput) {

    /** Whether the response of this turn is to be stored. */
    boolean stored() {
        return storedInput != null;
    }
}
