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
 * aliases, deadlines, fallbacks, metrics) and capability gate as chat completions.
 */
@ApplicationScoped
public class ResponsesOperations {

    private final Dispatcher dispatcher;
    private final CapabilityGate gate;
    private final long maxImageBytes;

    ResponsesOperations(Dispatcher dispatcher, CapabilityGate gate, WormholeConfig config) {
        this.dispatcher = dispatcher;
        this.gate = gate;
        this.maxImageBytes = config.limits().maxImageSize().asLongValue();
    }

    /** One finished response; rejects invalid input with a 400 naming the field, before any upstream call. */
    public Uni<ResponseObject> create(ResponseCreateRequest body, CallTrace trace) {
        return Uni.createFrom().deferred(() -> {
            ChatRequest request = toCore(body);
            ResponseObject skeleton = skeleton(body);
            return dispatcher.chat(request, ChatRequestMapper.fallbacks(body.extra()), trace)
                    .map(result -> ResponsesResponseMapper.toEdge(result, skeleton));
        });
    }

    /** The opened stream of deltas (see {@link Dispatcher#stream}). */
    Uni<Multi<ChatDelta>> stream(ChatRequest request, ResponseCreateRequest body, CallTrace trace) {
        return dispatcher.stream(request, ChatRequestMapper.fallbacks(body.extra()), trace);
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
