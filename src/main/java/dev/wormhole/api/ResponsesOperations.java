package dev.wormhole.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.wormhole.api.dto.ResponseCreateRequest;
import dev.wormhole.api.dto.ResponseObject;
import dev.wormhole.config.WormholeConfig;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.Metered;
import dev.wormhole.discovery.CapabilityGate;
import dev.wormhole.provider.NativeApi;
import dev.wormhole.provider.NativeProvider;
import dev.wormhole.provider.NativeReply;
import dev.wormhole.provider.Provider;
import dev.wormhole.routing.CallTrace;
import dev.wormhole.routing.Dispatcher;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The Responses API operations on already-validated requests, through the same dispatcher (routing, aliases,
 * deadlines, fallbacks, metrics) and capability gate as chat completions. A target whose provider speaks the
 * Responses API itself ({@code wire-api=responses}) gets the client's body untranslated, less what only the gateway
 * reads ({@code wormhole}, {@code client_metadata}) and with nothing stored upstream ({@code store: false}); any
 * other target gets it translated through the core model ({@link ResponsesRequestMapper}).
 */
@ApplicationScoped
public class ResponsesOperations {

    /** Top-level fields the gateway consumes and never relays. */
    private static final List<String> GATEWAY_ONLY = List.of(ChatRequestMapper.EXTENSION, "client_metadata");

    private final Dispatcher dispatcher;
    private final CapabilityGate gate;
    private final JsonWriter json;
    private final long maxImageBytes;

    ResponsesOperations(Dispatcher dispatcher, CapabilityGate gate, JsonWriter json, WormholeConfig config) {
        this.dispatcher = dispatcher;
        this.gate = gate;
        this.json = json;
        this.maxImageBytes = config.limits().maxImageSize().asLongValue();
    }

    /** One finished response, as JSON; invalid input is a 400 naming the field, before any upstream call. */
    Uni<NativeReply> create(ObjectNode raw, ResponseCreateRequest body, CallTrace trace) {
        return Uni.createFrom().deferred(() -> {
            Translation core = translation(body);
            ResponseObject skeleton = skeleton(body);
            return dispatcher.call(body.model(), ChatRequestMapper.fallbacks(body.extra()), trace, NativeReply::usage,
                    (provider, target) -> relays(provider)
                            ? ((NativeProvider) provider).call(NativeApi.RESPONSES, forTarget(raw, target.model()),
                                    Map.of())
                            : Dispatcher.chatOn(provider, target, core.get()).map(result -> new NativeReply(json.bytes(
                                    ResponsesResponseMapper.toEdge(result, skeleton)), result.usage())));
        });
    }

    /** The opened stream (see {@link Dispatcher#stream}): relayed events, or core deltas to encode. */
    Uni<Multi<Metered>> stream(ObjectNode raw, ResponseCreateRequest body, CallTrace trace) {
        return Uni.createFrom().deferred(() -> {
            Translation core = translation(body);
            return dispatcher.stream(body.model(), ChatRequestMapper.fallbacks(body.extra()), trace,
                    (provider, target) -> relays(provider)
                            ? ((NativeProvider) provider).stream(NativeApi.RESPONSES, forTarget(raw, target.model()),
                                    Map.of()).onItem().castTo(Metered.class)
                            : Dispatcher.streamOn(provider, target, core.get()).onItem().castTo(Metered.class));
        });
    }

    /**
     * The body's core form for translated targets, checked by the capability gate now when it translates; when it
     * does not, only a translated target fails, with the translation's 400.
     */
    private Translation translation(ResponseCreateRequest body) {
        Translation core = new Translation(() -> ResponsesRequestMapper.toCore(body, maxImageBytes));
        ChatRequest request = core.orNull();
        if (request != null) {
            gate.checkChat(request, Boolean.TRUE.equals(body.stream()));
        }
        return core;
    }

    private static boolean relays(Provider provider) {
        return provider instanceof NativeProvider relaying && relaying.speaks(NativeApi.RESPONSES);
    }

    /** The client's body for one target: its model, nothing stored upstream, no field only the gateway reads. */
    private static ObjectNode forTarget(ObjectNode raw, String model) {
        ObjectNode body = raw.deepCopy();
        body.remove(GATEWAY_ONLY);
        body.put("model", model);
        body.put("store", false);
        return body;
    }

    /** The in-progress response of a body, with a fresh id. */
    static ResponseObject skeleton(ResponseCreateRequest body) {
        return ResponsesResponseMapper.skeleton(body, ResponsesResponseMapper.newId(),
                Instant.now().getEpochSecond());
    }
}
