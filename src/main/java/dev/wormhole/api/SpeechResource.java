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

import dev.wormhole.api.dto.SpeechRequest;
import dev.wormhole.core.AudioChunk;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /v1/audio/speech}, OpenAI-compatible: the audio bytes in the requested format, relayed as the
 * upstream sends them once the first have come, so a failure before them is a JSON error with its status and one
 * after them ends the response early.
 */
@Path("/v1/audio/speech")
public class SpeechResource {

    private final MediaOperations operations;

    SpeechResource(MediaOperations operations) {
        this.operations = operations;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Generate speech from text (streamed audio bytes)")
    public RestMulti<byte[]> create(@Valid @NotNull(message = "a JSON body is required") SpeechRequest body,
            RoutingContext rc) {
        Map<String, List<String>> headers = Map.of("Content-Type",
                List.of(MediaOperations.contentType(body.responseFormat())), "Cache-Control", List.of("no-store"));
        return RestMulti.fromUniResponse(RequestTracing.timeUpstream(rc,
                operations.speech(body, RequestTracing.trace(rc))), chunks -> chunks.map(AudioChunk::bytes),
                chunks -> headers, chunks -> 200);
    }
}
