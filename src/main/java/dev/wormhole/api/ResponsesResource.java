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

import dev.wormhole.api.dto.ResponseCreateRequest;
import dev.wormhole.api.dto.ResponseObject;
import dev.wormhole.core.ChatRequest;
import io.smallrye.mutiny.Multi;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /v1/responses}, OpenAI's Responses API without stored state ({@code store} false,
 * no {@code previous_response_id}). {@code stream:false} answers a {@code response} object;
 * {@code stream:true} answers typed server-sent events once the first delta is in hand, so a failure before
 * it is a plain JSON error with its status, and one after it a {@code response.failed} event.
 */
@Path("/v1/responses")
public class ResponsesResource {

    private static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of(MediaType.APPLICATION_JSON));

    private final ResponsesOperations operations;
    private final JsonWriter json;
    private final ResponsesStreamEncoder streams;

    ResponsesResource(ResponsesOperations operations, JsonWriter json, ResponsesStreamEncoder streams) {
        this.operations = operations;
        this.json = json;
        this.streams = streams;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a model response (JSON, or server-sent events with stream:true)")
    public RestMulti<byte[]> create(@Valid @NotNull(message = "a JSON body is required") ResponseCreateRequest body,
            RoutingContext rc) {
        if (Boolean.TRUE.equals(body.stream())) {
            ChatRequest request = operations.toCore(body);
            ResponseObject skeleton = ResponsesOperations.skeleton(body);
            return RestMulti.fromUniResponse(RequestTracing.timeUpstream(rc,
                    operations.stream(request, body, RequestTracing.trace(rc))),
                    deltas -> streams.encode(deltas, skeleton, RequestTracing.requestId(rc)),
                    deltas -> ChatStreamEncoder.HEADERS, deltas -> 200);
        }
        return RestMulti.fromUniResponse(RequestTracing.timeUpstream(rc,
                operations.create(body, RequestTracing.trace(rc))).map(json::bytes),
                Multi.createFrom()::item, b -> JSON, b -> 200);
    }
}
