package dev.wormhole.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestMulti;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.wormhole.api.dto.CountTokensRequest;
import dev.wormhole.api.dto.MessagesRequest;
import dev.wormhole.api.dto.TokenCount;
import dev.wormhole.config.WormholeConfig;
import dev.wormhole.core.ChatMessage;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.Metered;
import dev.wormhole.core.ToolDefinition;
import dev.wormhole.discovery.CapabilityGate;
import dev.wormhole.provider.NativeApi;
import dev.wormhole.provider.NativeProvider;
import dev.wormhole.provider.NativeReply;
import dev.wormhole.provider.Provider;
import dev.wormhole.routing.CallTrace;
import dev.wormhole.routing.Dispatcher;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Anthropic's Messages API as an inbound API, with the same routing, aliases, deadlines, capability gate,
 * metrics and cancellation as a chat completion. A target on an Anthropic provider gets the request untranslated
 * (cache markers, document blocks, server tools, exact thinking budgets and unknown fields included, the client's
 * {@code anthropic-beta} and {@code anthropic-version} headers passed on) and its reply comes back as Anthropic
 * sent it; any other target gets the request translated through the core model ({@link MessagesRequestMapper}),
 * refused with a 400 naming the field when it holds what the core cannot carry. {@code stream:true} answers
 * {@code text/event-stream} once the first event is in hand, so a failure before it is a plain JSON error with its
 * status, and one after it an in-band {@code error} event. Errors on these routes use Anthropic's envelope
 * ({@code api.error.ErrorBodies}); the SDKs' {@code ?beta=true} is accepted and ignored. A non-streamed message may
 * carry an {@code Idempotency-Key} ({@link Idempotency}).
 */
@Path("/v1/messages")
public class MessagesResource {

    private static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of(MediaType.APPLICATION_JSON));
    /** The client headers an Anthropic upstream sees. */
    private static final List<String> RELAYED_HEADERS = List.of("anthropic-beta", "anthropic-version");

    private final Dispatcher dispatcher;
    private final CapabilityGate gate;
    private final JsonWriter json;
    private final ObjectMapper mapper;
    private final BodyReader bodies;
    private final MessagesStreamEncoder streams;
    private final Idempotency idempotency;
    private final long maxImageBytes;

    MessagesResource(Dispatcher dispatcher, CapabilityGate gate, JsonWriter json, ObjectMapper mapper,
            BodyReader bodies, MessagesStreamEncoder streams, Idempotency idempotency, WormholeConfig config) {
        this.dispatcher = dispatcher;
        this.gate = gate;
        this.json = json;
        this.mapper = mapper;
        this.bodies = bodies;
        this.streams = streams;
        this.idempotency = idempotency;
        this.maxImageBytes = config.limits().maxImageSize().asLongValue();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a message, Anthropic Messages API (JSON, or server-sent events with stream:true)")
    public RestMulti<byte[]> create(@NotNull(message = "a JSON body is required") ObjectNode raw, RoutingContext rc) {
        MessagesRequest body = bodies.read(raw, MessagesRequest.class, "The request body");
        String requestId = RequestTracing.requestId(rc);
        boolean stream = Boolean.TRUE.equals(body.stream());
        Translation core = translation(body, stream);
        Map<String, String> headers = relayedHeaders(rc);
        CallTrace trace = RequestTracing.trace(rc);
        trace.demand(core.demand());
        trace.sampling(body.maxTokens(), body.temperature());
        if (stream) {
            Uni<Multi<Metered>> opened = Uni.createFrom().deferred(() -> dispatcher.stream(body.model(), List.of(),
                    trace, (provider, target) -> relays(provider, NativeApi.MESSAGES)
                            ? ((NativeProvider) provider).stream(NativeApi.MESSAGES, forTarget(raw, target.model()),
                                    headers).onItem().castTo(Metered.class)
                            : Dispatcher.streamOn(provider, target, core.get()).onItem().castTo(Metered.class)));
            return RestMulti.fromUniResponse(RequestTracing.timeUpstream(rc, opened),
                    items -> streams.encode(items, body.model(), requestId),
                    items -> ChatStreamEncoder.HEADERS, items -> 200);
        }
        Uni<NativeReply> answer = Uni.createFrom().deferred(() -> dispatcher.call(body.model(), List.of(), trace,
                NativeReply::usage, (provider, target) -> relays(provider, NativeApi.MESSAGES)
                        ? ((NativeProvider) provider).call(NativeApi.MESSAGES, forTarget(raw, target.model()), headers)
                        : Dispatcher.chatOn(provider, target, core.get()).map(result -> new NativeReply(json.bytes(
                                MessagesResponseMapper.toEdge(result, requestId, mapper)), result.usage()))));
        return idempotency.answer(rc, raw, () -> RequestTracing.timeUpstream(rc, answer.map(NativeReply::body)));
    }

    /**
     * The request's input tokens: counted by the upstream where the route's model is served by an Anthropic
     * provider, else estimated ({@link TokenEstimate}) without any upstream call.
     */
    @POST
    @Path("/count_tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Count the input tokens of a messages request: exact from an Anthropic upstream, else "
            + "estimated (about 4 characters per token)")
    public RestMulti<byte[]> countTokens(@NotNull(message = "a JSON body is required") ObjectNode raw,
            RoutingContext rc) {
        CountTokensRequest body = bodies.read(raw, CountTokensRequest.class, "The request body");
        Map<String, String> headers = relayedHeaders(rc);
        Uni<byte[]> count = Uni.createFrom().deferred(() -> dispatcher.callNative(body.model(),
                NativeApi.COUNT_TOKENS, RequestTracing.trace(rc), (provider, target) -> provider.call(
                        NativeApi.COUNT_TOKENS, forTarget(raw, target.model()), headers).map(NativeReply::body),
                () -> json.bytes(new TokenCount(estimate(body)))));
        return RestMulti.fromUniResponse(count, Multi.createFrom()::item, b -> JSON, b -> 200);
    }

    private long estimate(CountTokensRequest body) {
        MessagesRequestMapper.refuseUnknown(body.unknown());
        List<ChatMessage> messages = MessagesRequestMapper.conversation(body.system(), body.messages(), maxImageBytes);
        List<ToolDefinition> tools = MessagesTools.tools(body.tools());
        MessagesTools.toolChoice(body.toolChoice(), tools);
        MessagesRequestMapper.reasoningEffort(body.thinking(), body.outputConfig(), null);
        return TokenEstimate.of(messages, tools, json);
    }

    /**
     * The request's core form for translated targets. When it translates, the capability gate checks it now,
     * before any upstream call; when it does not, only a translated target fails (with the translation's 400).
     */
    private Translation translation(MessagesRequest body, boolean stream) {
        Translation core = new Translation(() -> MessagesRequestMapper.toCore(body, maxImageBytes));
        ChatRequest request = core.orNull();
        if (request != null) {
            gate.checkChat(request, stream);
        }
        return core;
    }

    private static boolean relays(Provider provider, NativeApi api) {
        return provider instanceof NativeProvider relaying && relaying.speaks(api);
    }

    /** The client's body for one target: the same, with the target's model. */
    private static ObjectNode forTarget(ObjectNode raw, String model) {
        ObjectNode body = raw.deepCopy();
        body.put("model", model);
        return body;
    }

    private static Map<String, String> relayedHeaders(RoutingContext rc) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : RELAYED_HEADERS) {
            String value = rc.request().getHeader(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        return headers;
    }
}
