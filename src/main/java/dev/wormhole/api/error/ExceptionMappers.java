package dev.wormhole.api.error;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

import dev.wormhole.api.RequestTracing;
import dev.wormhole.api.dto.ErrorEnvelope;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import io.vertx.ext.web.RoutingContext;

/**
 * Every failure of a {@code /v1} endpoint answered in its clients' error envelope: OpenAI's, or Anthropic's on the
 * {@code /v1/messages} routes ({@link ErrorBodies}).
 */
public class ExceptionMappers {

    private static final String BUDGET_EXCEEDED = "budget_exceeded";

    @ServerExceptionMapper
    public Response gateway(GatewayException failure, RoutingContext rc) {
        return respond(ErrorEnvelopes.of(failure, RequestTracing.requestId(rc)), rc);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException failure, RoutingContext rc) {
        // Resource parameters are validated with the path method.parameter.field...
        return respond(ErrorEnvelopes.of(Violations.toException(failure.getConstraintViolations(), 2),
                RequestTracing.requestId(rc)), rc);
    }

    @ServerExceptionMapper({ JsonProcessingException.class, JsonMappingException.class,
            com.fasterxml.jackson.databind.exc.MismatchedInputException.class,
            com.fasterxml.jackson.databind.exc.InvalidFormatException.class,
            com.fasterxml.jackson.core.JsonParseException.class })
    public Response unreadable(JsonProcessingException failure, RoutingContext rc) {
        UnreadableJson unreadable = UnreadableJson.of(failure);
        return respond(new ErrorEnvelopes(400, ErrorEnvelope.of(unreadable.message(),
                ErrorKind.INVALID_REQUEST.openAiType(), unreadable.param(), "invalid_json"), null), rc);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException failure, RoutingContext rc) {
        int status = failure.getResponse().getStatus();
        if (failure.getCause() instanceof JsonProcessingException unreadable) {
            return unreadable(unreadable, rc);
        }
        if (status >= 500) {
            return respond(ErrorEnvelopes.of(failure, RequestTracing.requestId(rc)), rc);
        }
        String message = switch (status) {
            case 404 -> "Unknown request URL: " + rc.request().method() + " " + rc.request().path() + ".";
            case 405 -> "Method " + rc.request().method() + " is not allowed on " + rc.request().path() + ".";
            case 415 -> "Send the body as application/json.";
            case 413 -> "The request body is too large.";
            default -> failure.getMessage();
        };
        String type = status == 404 ? ErrorKind.NOT_FOUND.openAiType() : ErrorKind.INVALID_REQUEST.openAiType();
        return respond(new ErrorEnvelopes(status, ErrorEnvelope.of(message, type, null, null), null), rc);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable failure, RoutingContext rc) {
        return respond(ErrorEnvelopes.of(failure, RequestTracing.requestId(rc)), rc);
    }

    /** The response for an error: the envelope of the request's route, status and {@code Retry-After} when known. */
    public static Response respond(ErrorEnvelopes error, RoutingContext rc) {
        RequestTracing.error(rc, error.envelope().error());
        Response.ResponseBuilder builder = Response.status(ErrorBodies.status(rc.request().path(), error.status()))
                .type(MediaType.APPLICATION_JSON)
                .entity(ErrorBodies.body(rc.request().path(), error.status(), error.envelope()));
        if (error.retryAfter() != null) {
            builder.header("Retry-After", Math.max(1, (error.retryAfter().toMillis() + 999) / 1000));
        }
        if (BUDGET_EXCEEDED.equals(error.envelope().error().code())) {
            // The OpenAI and Anthropic SDKs retry a 429 unless told not to; a spent budget does not come back in
            // seconds.
            builder.header("x-should-retry", "false");
        }
        return builder.build();
    }

    /** The JSON path of the field a mapping failure is about, e.g. {@code messages[0].content}. */
    public static String path(JsonMappingException failure) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : failure.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(UnreadableJson.key(ref.getFieldName()));
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
