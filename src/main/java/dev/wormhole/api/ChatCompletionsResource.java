package dev.wormhole.api;

import java.util.List;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestMulti;

import dev.wormhole.api.dto.ChatCompletionRequest;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.routing.Dispatcher;
import dev.wormhole.routing.StreamHead;
import dev.wormhole.tool.AgentEvent;
import dev.wormhole.tool.AgentLoop;
import dev.wormhole.tool.AgentOptions;
import io.smallrye.mutiny.Multi;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /v1/chat/completions}, OpenAI-compatible. {@code stream:false} answers JSON;
 * {@code stream:true} answers {@code text/event-stream} once the first chunk is in hand, so a failure before
 * it is a plain JSON error with its status, and one after it an in-band error event. A non-streamed request may
 * carry an {@code Idempotency-Key} ({@link Idempotency}); a streamed one's is ignored.
 */
@Path("/v1/chat/completions")
public class ChatCompletionsResource {

    private final Dispatcher dispatcher;
    private final AgentLoop agent;
    private final OpenAiOperations operations;
    private final JsonWriter json;
    private final ChatStreamEncoder streams;
    private final Idempotency idempotency;

    ChatCompletionsResource(Dispatcher dispatcher, AgentLoop agent, OpenAiOperations operations, JsonWriter json,
            ChatStreamEncoder streams, Idempotency idempotency) {
        this.dispatcher = dispatcher;
        this.agent = agent;
        this.operations = operations;
        this.json = json;
        this.streams = streams;
        this.idempotency = idempotency;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a chat completion (JSON, or server-sent events with stream:true)")
    public RestMulti<byte[]> create(@Valid @NotNull(message = "a JSON body is required") ChatCompletionRequest body,
            RoutingContext rc) {
        if (Boolean.TRUE.equals(body.stream())) {
            ChatRequest request = operations.toCore(body);
            List<String> fallbacks = ChatRequestMapper.fallbacks(body.extra());
            boolean includeUsage = body.streamOptions() != null
                    && Boolean.TRUE.equals(body.streamOptions().includeUsage());
            Optional<AgentOptions> agentOptions = operations.agentOptions(body);
            if (agentOptions.isPresent()) {
                Multi<AgentEvent> events = agent.stream(request, fallbacks, agentOptions.get(), RequestTracing.trace(rc));
                return RestMulti.fromUniResponse(RequestTracing.timeUpstream(rc, StreamHead.awaitFirst(events)),
                        stream -> streams.encodeAgent(stream, includeUsage, RequestTracing.requestId(rc)),
                        stream -> ChatStreamEncoder.HEADERS, stream -> 200);
            }
            return RestMulti.fromUniResponse(RequestTracing.timeUpstream(rc,
                    dispatcher.stream(request, fallbacks, RequestTracing.trace(rc))),
                    deltas -> streams.encode(deltas, includeUsage, RequestTracing.requestId(rc)),
                    deltas -> ChatStreamEncoder.HEADERS, deltas -> 200);
        }
        return idempotency.answer(rc, body, () -> RequestTracing.timeUpstream(rc, operations.chat(body,
                RequestTracing.trace(rc))).map(json::bytes));
    }
}
