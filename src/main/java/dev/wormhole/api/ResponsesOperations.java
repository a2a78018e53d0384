package dev.wormhole.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ArrayNode;
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
 * deadlines, fallbacks, metrics) and capability gate as chat completions, with the stored state of {@code store}
 * and {@code previous_response_id} ({@link StoredResponses}). A target whose provider speaks the Responses API
 * itself ({@code wire-api=responses}) gets the client's body untranslated, less what only the gateway reads
 * ({@code wormhole}, {@code client_metadata}), with the conversation a {@code previous_response_id} stands for
 * spelled out and nothing stored upstream ({@code store: false}); any other target gets it translated through the
 * core model ({@link ResponsesRequestMapper}).
 */
@ApplicationScoped
public class ResponsesOperations {

    /** Top-level fields the gateway consumes and never relays. */
    private static final List<String> GATEWAY_ONLY = List.of(ChatRequestMapper.EXTENSION, "client_metadata",
            "previous_response_id");

    private final Dispatcher dispatcher;
    private final CapabilityGate gate;
    private final StoredResponses stored;
    private final JsonWriter json;
    private final long maxImageBytes;

    ResponsesOperations(Dispatcher dispatcher, CapabilityGate gate, StoredResponses stored, JsonWriter json,
            WormholeConfig config) {
        this.dispatcher = dispatcher;
        this.gate = gate;
        this.stored = stored;
        this.json = json;
        this.maxImageBytes = config.limits().maxImageSize().asLongValue();
    }

    /**
     * The turn a body asks for: a {@code previous_response_id} is looked up (a 404 when it is not stored) and the
     * conversation it stands for goes before the body's {@code input}. No upstream has been called yet.
     */
    Uni<ResponseTurn> turn(ObjectNode raw, ResponseCreateRequest body) {
        return Uni.createFrom().deferred(() -> {
            boolean store = Boolean.TRUE.equals(body.store());
            if (body.previousResponseId() == null) {
                return Uni.createFrom().item(turn(raw, body, store ? ResponseChain.items(body.input()) : null));
            }
            return stored.continuing(body.previousResponseId(), body.input()).map(input -> {
                ObjectNode whole = raw.deepCopy();
                whole.set("input", input);
                return turn(whole, body.withInput(input), store ? input : null);
            });
        });
    }

    private ResponseTurn turn(ObjectNode raw, ResponseCreateRequest body, ArrayNode storedInput) {
        Translation core = new Translation(() -> ResponsesRequestMapper.toCore(body, maxImageBytes));
        ChatRequest request = core.orNull();
        if (request != null) {
            // Checked now, before any upstream call, when the body translates; otherwise only a translating
            // target fails, with the translation's 400.
            gate.checkChat(request, Boolean.TRUE.equals(body.stream()));
        }
        return new ResponseTurn(body, raw, core, storedInput);
    }

    /** One finished response as JSON, stored first when the turn asks for it. */
    Uni<byte[]> create(ResponseTurn turn, CallTrace trace) {
        return Uni.createFrom().deferred(() -> {
            ResponseObject skeleton = skeleton(turn.body());
            trace.demand(turn.core().demand());
            trace.sampling(turn.body().maxOutputTokens(), turn.body().temperature());
            return dispatcher.call(turn.body().model(), ChatRequestMapper.fallbacks(turn.body().extra()), trace,
                    NativeReply::usage, (provider, target) -> relays(provider)
                            ? ((NativeProvider) provider).call(NativeApi.RESPONSES, forTarget(turn.raw(),
                                    target.model()), Map.of()).map(reply -> new NativeReply(stored.relayed(turn,
                                            reply.body()), reply.usage()))
                            : Dispatcher.chatOn(provider, target, turn.core().get()).map(result -> new NativeReply(
                                    json.bytes(ResponsesResponseMapper.toEdge(result, skeleton)), result.usage())))
                    .map(NativeReply::body)
                    .call(response -> stored.save(turn, response));
        });
    }

    /** The opened stream (see {@link Dispatcher#stream}): relayed events, or core deltas to encode. */
    Uni<Multi<Metered>> stream(ResponseTurn turn, CallTrace trace) {
        trace.demand(turn.core().demand());
        trace.sampling(turn.body().maxOutputTokens(), turn.body().temperature());
        return dispatcher.stream(turn.body().model(), ChatRequestMapper.fallbacks(turn.body().extra()), trace,
                (provider, target) -> relays(provider)
                        ? ((NativeProvider) provider).stream(NativeApi.RESPONSES, forTarget(turn.raw(), target.model()),
                                Map.of()).onItem().castTo(Metered.class)
                        : Dispatcher.streamOn(provider, target, turn.core().get()).onItem().castTo(Metered.class));
    }

    /** What a stream of {@code turn} does at its end (see {@link StoredResponses#streamEnd}). */
    ResponseStreamEnd streamEnd(ResponseTurn turn) {
        return stored.streamEnd(turn);
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
