package dev.wormhole.api;


import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestMulti;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.wormhole.api.dto.ResponseCreateRequest;
import dev.wormhole.api.dto.ResponseObject;
import dev.wormhole.core.Metered;
import dev.wormhole.core.GatewayException;
import dev.wormhole.routing.CallTrace;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /v1/responses}, OpenAI's Responses API. {@code POST} creates a response: {@code stream:false} answers a
 * {@code response} object; {@code stream:true} answers typed server-sent events once the first delta is in hand, so a
 * failure before it is a plain JSON error with its status, and one after it a {@code response.failed} (or, for a stream
 * relayed from an upstream that speaks the Responses API, an {@code error}) event. Stateless unless asked:
 * {@code store: true} keeps the response for {@code GET} and {@code DELETE} on {@code /v1/responses/{id}}, for its
 * {@code input_items} and for a later {@code previous_response_id}. A non-streamed {@code POST} may carry an
 * {@code Idempotency-Key} ({@link Idempotency}).
 */
@Path("/v1/responses")
public class ResponsesResource {

    private final ResponsesOperations operations;
    private final StoredResponses stored;
    private final BodyReader bodies;
    private final ResponsesStreamEncoder streams;
    private final Idempotency idempotency;

    ResponsesResource(ResponsesOperations operations, StoredResponses stored, BodyReader bodies,
            ResponsesStreamEncoder streams, Idempotency idempotency) {
        this.operations = operations;
        this.stored = stored;
        this.bodies = bodies;
        this.streams = streams;
        this.idempotency = idempotency;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a model response (JSON, or server-sent events with stream:true)")
    public RestMulti<byte[]> create(@NotNull(message = "a JSON body is required") ObjectNode raw, RoutingContext rc) {
        ResponseCreateRequest body = bodies.read(raw, ResponseCreateRequest.class, "The request body");
        CallTrace trace = RequestTracing.trace(rc);
        if (Boolean.TRUE.equals(body.stream())) {
            return RestMulti.fromUniResponse(RequestTracing.timeUpstream(rc, operations.turn(raw, body)
                    .chain(turn -> operations.stream(turn, trace)
                            .map(items -> new Opened(turn, ResponsesOperations.skeleton(turn.body()), items)))),
                    opened -> streams.encode(opened.items(), opened.skeleton(), RequestTracing.requestId(rc),
                            operations.streamEnd(opened.turn())),
                    opened -> ChatStreamEncoder.HEADERS, opened -> 200);
        }
        return idempotency.answer(rc, raw, () -> RequestTracing.timeUpstream(rc, operations.turn(raw, body)
                .chain(turn -> operations.create(turn, trace))));
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A stored response (created with store:true), as it was returned")
    public Uni<byte[]> retrieve(@PathParam("id") String id, @QueryParam("stream") String stream) {
        // A String, not a Boolean: JAX-RS answers an unconvertible query parameter with a bare 404.
        if (stream != null && !"false".equals(stream)) {
            throw GatewayException.invalid("stream", "Replaying a stored response as events is not supported; "
                    + "retrieve it without stream=true.");
        }
        return stored.response(id);
    }

    @GET
    @Path("{id}/input_items")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The input items of a stored response: its whole conversation before the answer")
    public Uni<byte[]> inputItems(@PathParam("id") String id, @QueryParam("limit") String limit,
            @QueryParam("order") String order, @QueryParam("after") String after) {
        return stored.inputItems(id, limit, order, after);
    }

    @DELETE
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Delete a stored response")
    public Uni<byte[]> delete(@PathParam("id") String id) {
        return stored.delete(id);
    }

    /** An opened stream with the turn it answers and the response it builds. */
    private record Opened(ResponseTurn turn, ResponseObject skeleton, Multi<Metered> items) {
    }
}
