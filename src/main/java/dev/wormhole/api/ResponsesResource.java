package dev.wormhole.api;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestMulti;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.wormhole.api.dto.ResponseCreateRequest;
import dev.wormhole.provider.NativeReply;
import io.smallrye.mutiny.Multi;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /v1/responses}, OpenAI's Responses API without stored state ({@code store} false,
 * no {@code previous_response_id}). {@code stream:false} answers a {@code response} object;
 * {@code stream:true} answers typed server-sent events once the first event is in hand, so a failure before
 * it is a plain JSON error with its status, and one after it a {@code response.failed} (or, for a relayed stream,
 * an {@code error}) event.
 */
@Path("/v1/responses")
public class ResponsesResource {

    private static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of(MediaType.APPLICATION_JSON));

    private final ResponsesOperations operations;
    private final BodyReader bodies;
    private final ResponsesStreamEncoder streams;

    ResponsesResource(ResponsesOperations operations, BodyReader bodies, ResponsesStreamEncoder streams) {
        this.operations = operations;
        this.bodies = bodies;
        this.streams = streams;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a model response (JSON, or server-sent events with stream:true)")
    public RestMulti<byte[]> create(@NotNull(message = "a JSON body is required") ObjectNode raw, RoutingContext rc) {
        ResponseCreateRequest body = bodies.read(raw, ResponseCreateRequest.class, "The request body");
        if (Boolean.TRUE.equals(body.stream())) {
            return RestMulti.fromUniResponse(RequestTracing.timeUpstream(rc,
                    operations.stream(raw, body, RequestTracing.trace(rc))),
                    items -> streams.encode(items, ResponsesOperations.skeleton(body), RequestTracing.requestId(rc)),
                    items -> ChatStreamEncoder.HEADERS, items -> 200);
        }
        return RestMulti.fromUniResponse(RequestTracing.timeUpstream(rc,
                operations.create(raw, body, RequestTracing.trace(rc)).map(NativeReply::body)),
                Multi.createFrom()::item, b -> JSON, b -> 200);
    }
}
