package dev.wormhole.api;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestMulti;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.api.dto.CountTokensRequest;
import dev.wormhole.api.dto.MessagesRequest;
import dev.wormhole.api.dto.TokenCount;
import dev.wormhole.config.WormholeConfig;
import dev.wormhole.core.ChatMessage;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.ToolDefinition;
import dev.wormhole.discovery.CapabilityGate;
import dev.wormhole.routing.Dispatcher;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Anthropic's Messages API as an inbound API: {@code POST /v1/messages} is translated to the core model and
 * dispatched like a chat completion (routing, aliases, deadlines, capability gate, metrics, cancellation), on
 * any provider. {@code stream:true} answers {@code text/event-stream} once the first delta is in hand, so a
 * failure before it is a plain JSON error with its status, and one after it an in-band {@code error} event.
 * Errors on these routes use Anthropic's envelope ({@code api.error.ErrorBodies}). The {@code anthropic-version}
 * and {@code anthropic-beta} headers and the SDKs' {@code ?beta=true} are accepted and ignored.
 */
@Path("/v1/messages")
public class MessagesResource {

    private static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of(MediaType.APPLICATION_JSON));

    private final Dispatcher dispatcher;
    private final CapabilityGate gate;
    private final JsonWriter json;
    private final ObjectMapper mapper;
    private final MessagesStreamEncoder streams;
    private final long maxImageBytes;

    MessagesResource(Dispatcher dispatcher, CapabilityGate gate, JsonWriter json, ObjectMapper mapper,
            MessagesStreamEncoder streams, WormholeConfig config) {
        this.dispatcher = dispatcher;
        this.gate = gate;
        this.json = json;
        this.mapper = mapper;
        this.streams = streams;
        this.maxImageBytes = config.limits().maxImageSize().asLongValue();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a message, Anthropic Messages API (JSON, or server-sent events with stream:true)")
    public RestMulti<byte[]> create(@Valid @NotNull(message = "a JSON body is required") MessagesRequest body,
            RoutingContext rc) {
        String requestId = RequestTracing.requestId(rc);
        boolean stream = Boolean.TRUE.equals(body.stream());
        if (stream) {
            return RestMulti.fromUniResponse(RequestTracing.timeUpstream(rc, Uni.createFrom().deferred(
                    () -> dispatcher.stream(toCore(body, true), List.of(), RequestTracing.trace(rc)))),
                    deltas -> streams.encode(deltas, body.model(), requestId),
                    deltas -> ChatStreamEncoder.HEADERS, deltas -> 200);
        }
        Uni<byte[]> answer = Uni.createFrom().deferred(() -> dispatcher.chat(toCore(body, false), List.of(),
                RequestTracing.trace(rc))).map(result -> json.bytes(MessagesResponseMapper.toEdge(result, requestId, mapper)));
        return RestMulti.fromUniResponse(RequestTracing.timeUpstream(rc, answer), Multi.createFrom()::item,
                b -> JSON, b -> 200);
    }

    /** An estimate of the request's input tokens ({@link TokenEstimate}); no upstream is called. */
    @POST
    @Path("/count_tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Estimate the input tokens of a messages request (about 4 characters per token)")
    public Uni<TokenCount> countTokens(@Valid @NotNull(message = "a JSON body is required") CountTokensRequest body) {
        return Uni.createFrom().item(() -> {
            MessagesRequestMapper.refuseUnknown(body.unknown());
            List<ChatMessage> messages = MessagesRequestMapper.conversation(body.system(), body.messages(),
                    maxImageBytes);
            List<ToolDefinition> tools = MessagesTools.tools(body.tools());
            MessagesTools.toolChoice(body.toolChoice(), tools);
            MessagesRequestMapper.reasoningEffort(body.thinking(), body.outputConfig(), null);
            return new TokenCount(TokenEstimate.of(messages, tools, json));
        });
    }

    /** The core request, refused if its model is known to lack what the request needs. */
    private ChatRequest toCore(MessagesRequest body, boolean stream) {
        ChatRequest request = MessagesRequestMapper.toCore(body, maxImageBytes);
        gate.checkChat(request, stream);
        return request;
    }
}
