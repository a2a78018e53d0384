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

import dev.wormhole.api.dto.RerankRequest;
import dev.wormhole.api.dto.RerankResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /v1/rerank}, in the shape Cohere, Jina and vLLM share, answered by any provider that ranks
 * documents whatever rerank API it speaks. It may carry an {@code Idempotency-Key} ({@link Idempotency}).
 */
@Path("/v1/rerank")
public class RerankResource {

    private final RerankOperations operations;
    private final JsonWriter json;
    private final Idempotency idempotency;

    RerankResource(RerankOperations operations, JsonWriter json, Idempotency idempotency) {
        this.operations = operations;
        this.json = json;
        this.idempotency = idempotency;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rank documents by their relevance to a query")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RerankResponse.class)))
    public RestMulti<byte[]> create(@Valid @NotNull(message = "a JSON body is required") RerankRequest body,
            RoutingContext rc) {
        return idempotency.answer(rc, body, () -> RequestTracing.timeUpstream(rc,
                operations.rerank(body, RequestTracing.trace(rc))).map(json::bytes));
    }
}
