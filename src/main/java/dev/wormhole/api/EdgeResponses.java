package dev.wormhole.api;

import jakarta.ws.rs.core.MediaType;

import dev.wormhole.api.dto.ErrorEnvelope;
import dev.wormhole.api.error.ErrorBodies;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** Errors answered by the Vert.x routes in front of the resources, in the envelope of the route ({@link ErrorBodies}). */
final class EdgeResponses {

    private EdgeResponses() {
    }

    /**
     * Ends the request with {@code status} and {@code envelope}. With {@code close}, the connection is closed
     * after the answer: the rest of the request (an unread body) is not worth reading.
     */
    static void reject(RoutingContext rc, int status, ErrorEnvelope envelope, JsonWriter json, boolean close) {
        if (rc.response().ended() || rc.response().headWritten()) {
            return;
        }
        RequestTracing.error(rc, envelope.error());
        rc.response().setStatusCode(ErrorBodies.status(rc.request().path(), status))
                .putHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        if (status == 401) {
            rc.response().putHeader("WWW-Authenticate", "Bearer");
        }
        if (close) {
            rc.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        rc.response().end(Buffer.buffer(json.bytes(ErrorBodies.body(rc.request().path(), status, envelope))));
    }
}
