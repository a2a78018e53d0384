package dev.wormhole.api;

import java.net.URI;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestResponse;

import dev.wormhole.api.dto.ImagesRequest;
import dev.wormhole.api.dto.ImagesResponse;
import dev.wormhole.config.WormholeConfig;
import dev.wormhole.core.GatewayException;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /v1/images/generations}, OpenAI-compatible, with both answers: {@code b64_json} and {@code url}
 * (the provider's own, or a signed one of the gateway's for bytes, served by {@code GET /v1/images/files/{id}},
 * which needs no API key: its signature is the credential). The POST may carry an {@code Idempotency-Key}.
 */
@Path("/v1/images")
public class ImagesResource {

    private final MediaOperations operations;
    private final JsonWriter json;
    private final Idempotency idempotency;
    private final ImageFiles files;
    private final Optional<URI> publicBaseUrl;

    ImagesResource(MediaOperations operations, JsonWriter json, Idempotency idempotency, ImageFiles files,
            WormholeConfig config) {
        this.operations = operations;
        this.json = json;
        this.idempotency = idempotency;
        this.files = files;
        this.publicBaseUrl = config.images().publicBaseUrl();
    }

    @POST
    @Path("/generations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Generate images (response_format b64_json or url)")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ImagesResponse.class)))
    public RestMulti<byte[]> generate(@Valid @NotNull(message = "a JSON body is required") ImagesRequest body,
            RoutingContext rc) {
        return idempotency.answer(rc, body, () -> RequestTracing.timeUpstream(rc,
                operations.images(body, () -> origin(rc), RequestTracing.trace(rc))).map(json::bytes));
    }

    @GET
    @Path("/files/{id}")
    @Operation(summary = "An image the gateway keeps, under the signed URL an images answer gave")
    public RestResponse<byte[]> file(@PathParam("id") String id, @QueryParam("exp") String exp,
            @QueryParam("sig") String sig) {
        ImageFiles.Stored image = files.fetch(id, exp, sig);
        long maxAge = Math.max(0, image.expiresAt() - System.currentTimeMillis() / 1000);
        return RestResponse.ResponseBuilder.ok(image.bytes(), image.mimeType())
                .header("Cache-Control", "private, max-age=" + maxAge).header("X-Content-Type-Options", "nosniff")
                .build();
    }

    /** Scheme, host and port of the gateway as this client reached it (or as configured). */
    private String origin(RoutingContext rc) {
        URI base = publicBaseUrl.orElse(null);
        if (base == null) {
            try {
                String absolute = rc.request().absoluteURI();
                base = absolute == null ? null : URI.create(absolute);
            } catch (IllegalArgumentException e) {
                base = null;
            }
        }
        if (base == null || base.getScheme() == null || base.getRawAuthority() == null) {
            throw GatewayException.invalid(null, "The request's Host header cannot make an image URL; ask for "
                    + "response_format 'b64_json' or send a valid Host.");
        }
        return base.getScheme() + "://" + base.getRawAuthority();
    }
}
