package dev.wormhole.api;

import com.fasterxml.jackson.databind.node.ArrayNode;

import dev.wormhole.api.dto.ResponseCreateRequest;
import dev.wormhole.core.ChatRequest;

/**
 * One {@code POST /v1/responses} ready to dispatch: the body with the whole conversation in its {@code input}
 * (a {@code previous_response_id} already expanded), its core request, and, when the response is to be stored,
 * the effective input to store beside it (else null).
 */
record ResponseTurn(ResponseCreateRequest body, ChatRequest request, ArrayNode storedInput) {

    /** Whether the response of this turn is to be stored. */
    boolean stored() {
        return storedInput != null;
    }
}
