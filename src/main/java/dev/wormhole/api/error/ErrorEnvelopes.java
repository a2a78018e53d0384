package dev.wormhole.api.error;

import java.time.Duration;

import dev.wormhole.api.dto.ErrorEnvelope;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import io.quarkus.logging.Log;

/**
 * The OpenAI error envelope for any failure, with its HTTP status and retry delay. Known failures keep their
 * caller-safe message; anything else is a gateway defect: logged with the request id, reported as a 500
 * that shows neither a stack trace nor internal text.
 */
public record ErrorEnvelopes(int status, ErrorEnvelope envelope, Duration retryAfter) {

    public static ErrorEnvelopes of(Throwable failure, String requestId) {
        if (failure instanceof GatewayException g) {
            if (g.getCause() != null) {
                Log.debugf(g.getCause(), "Request %s failed: %s", requestId, g.getMessage());
            }
            return new ErrorEnvelopes(g.kind().httpStatus(),
                    ErrorEnvelope.of(g.getMessage(), g.kind().openAiType(), g.param().orElse(null), g.code()),
                    g.retryAfter().orElse(null));
        }
        Log.errorf(failure, "Request %s failed with an unexpected error", requestId);
        return new ErrorEnvelopes(ErrorKind.INTERNAL.httpStatus(), ErrorEnvelope.of(
                "The gateway failed unexpectedly; quote request id " + requestId + " when reporting it.",
                ErrorKind.INTERNAL.openAiType(), null, "internal_error"), null);
    }
}
