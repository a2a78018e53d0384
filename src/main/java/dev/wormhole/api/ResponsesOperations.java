package dev.wormhole.api;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.api.dto.ResponseCreateRequest;
import dev.wormhole.api.dto.ResponseObject;
import dev.wormhole.config.WormholeConfig;
import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.discovery.CapabilityGate;
import dev.wormhole.routing.CallTrace;
import dev.wormhole.routing.Dispatcher;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The Responses API operations on already-validated request DTOs, through the same dispatcher (routing,
 * aliases, deadlines, fallbacks, metrics) and capability gate as chat completions, with the stored state of
 * {@code store} and {@code previous_response_id} ({@link StoredResponses}).
 */
@ApplicationScoped
public class ResponsesOperations {

    private final Dispatcher dispatcher;
    private final CapabilityGate gate;
    private final StoredResponses stored;
    private final long maxImageBytes;

    ResponsesOperations(Dispatcher dispatcher, CapabilityGate gate, StoredResponses stored, WormholeConfig config) {
        this.dispatcher = dispatcher;
        this.gate = gate;
        this.stored = stored;
        this.maxImageBytes = config.limits().maxImageSize().asLongValue();
    }

    /**
     * The turn a body asks for. The body is checked first (a 400 naming the field); then a
     * {@code previous_response_id} is looked up (a 404 when it is not stored) and the conversation it stands for
     * goes before the body's {@code input}. No upstream has been called yet.
     */
    Uni<ResponseTurn> turn(ResponseCreateRequest body) {
        return Uni.createFrom().deferred(() -> {
            ChatRequest request = toCore(body);
            boolean store = Boolean.TRUE.equals(body.store());
            if (body.previousResponseId() == null) {
                return Uni.createFrom().item(new ResponseTurn(body, request, store ? ResponseChain.items(body.input())
                        : null));
            }
            return stored.continuing(body.previousResponseId(), body.input()).map(input -> {
                ResponseCreateRequest whole = body.withInput(input);
                return new ResponseTurn(whole, toCore(whole), store ? input : null);
            });
        });
    }

    /** One finished response, stored first when the turn asks for it. */
    public Uni<ResponseObject> create(ResponseCreateRequest body, CallTrace trace) {
        return turn(body).chain(turn -> create(turn, trace));
    }

    Uni<ResponseObject> create(ResponseTurn turn, CallTrace trace) {
        ResponseObject skeleton = skeleton(turn.body());
        return dispatcher.chat(turn.request(), ChatRequestMapper.fallbacks(turn.body().extra()), trace)
                .map(result -> ResponsesResponseMapper.toEdge(result, skeleton))
                .call(response -> stored.save(turn, response));
    }

    /** The opened stream of deltas (see {@link Dispatcher#stream}). */
    Uni<Multi<ChatDelta>> stream(ResponseTurn turn, CallTrace trace) {
        return dispatcher.stream(turn.request(), ChatRequestMapper.fallbacks(turn.body().extra()), trace);
    }

    /** Stores a streamed turn's last response object when the turn asks for it. */
    Uni<Void> save(ResponseTurn turn, ResponseObject response) {
        return stored.save(turn, response);
    }

    /** The core request of a body, refused if its model is known to lack what the request needs. */
    ChatRequest toCore(ResponseCreateRequest body) {
        ChatRequest request = ResponsesRequestMapper.toCore(body, maxImageBytes);
        gate.checkChat(request, Boolean.TRUE.equals(body.stream()));
        return request;
    }

    /** The in-progress response of a body, with a fresh id. */
    static ResponseObject skeleton(ResponseCreateRequest body) {
        return ResponsesResponseMapper.skeleton(body, ResponsesResponseMapper.newId(),
                Instant.now().getEpochSecond());
    }
}
