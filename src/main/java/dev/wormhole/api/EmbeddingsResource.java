package dev.wormhole.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestMulti;

import dev.wormhole.api.dto.EmbeddingsRequest;
import dev.wormhole.api.dto.EmbeddingsResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /v1/embeddings}, OpenAI-compatible, with both encodings: {@code float} (the default) and
 * {@code base64}, the little-endian float32 bytes that the official SDKs request by default. It may carry an
 * {@code Idempotency-Key} ({@link Idempotency}).
 */
@Path("/v1/embeddings")
public class EmbeddingsResource {

    private final OpenAiOperations operations;
    private final JsonWriter json;
    private final Idempotency idempotency;

    EmbeddingsResource(OpenAiOperations operations, JsonWriter json, Idempotency idempotency) {
        this.operations = operations;
        this.json = json;
        this.idempotency = idempotency;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create embeddings (encoding_format float or base64)")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EmbeddingsResponse.class)))
    public RestMulti<byte[]> create(@Valid @NotNull(message = "a JSON body is required") EmbeddingsRequest body,
            RoutingContext rc) {
        return idempotency.answer(rc, body, () -> RequestTracing.timeUpstream(rc,
                operations.embed(body, RequestTracing.trace(rc))).map(json::bytes));
    }
}
