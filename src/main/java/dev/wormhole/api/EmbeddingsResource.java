package dev.wormhole.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.wormhole.api.dto.EmbeddingsRequest;
import dev.wormhole.api.dto.EmbeddingsResponse;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /v1/embeddings}, OpenAI-compatible, with both encodings: {@code float} (the default) and
 * {@code base64}, the little-endian float32 bytes that the official SDKs request by default.
 */
@Path("/v1/embeddings")
public class EmbeddingsResource {

    private final OpenAiOperations operations;

    EmbeddingsResource(OpenAiOperations operations) {
        this.operations = operations;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<EmbeddingsResponse> create(@Valid @NotNull(message = "a JSON body is required") EmbeddingsRequest body,
            RoutingContext rc) {
        return RequestTracing.timeUpstream(rc, operations.embed(body, RequestTracing.trace(rc)));
    }
}
