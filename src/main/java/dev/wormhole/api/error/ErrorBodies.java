package dev.wormhole.api.error;

import dev.wormhole.api.dto.AnthropicErrorEnvelope;
import dev.wormhole.api.dto.ErrorEnvelope;

/**
 * The one place that decides which envelope an error is written in: Anthropic's on the routes its clients call
 * ({@code /v1/messages} and below), OpenAI's everywhere else. Both carry the same caller-safe message; the
 * Anthropic error type follows from the HTTP status, as Anthropic's documentation lists them.
 */
public final class ErrorBodies {

    private static final String MESSAGES = "/v1/messages";

    private ErrorBodies() {
    }

    /** Whether {@code path} is an Anthropic-shaped route. */
    public static boolean anthropicRoute(String path) {
        return path != null && path.startsWith(MESSAGES)
                && (path.length() == MESSAGES.length() || path.charAt(MESSAGES.length()) == '/');
    }

    /**
     * The status an error with {@code status} is answered with on {@code path}: on Anthropic's routes an
     * overload is a 529, the status Anthropic pairs with {@code overloaded_error} and its clients back off on.
     */
    public static int status(String path, int status) {
        return status == 503 && anthropicRoute(path) ? 529 : status;
    }

    /**
     * The body of an error answered with {@code status} on {@code path}. Anthropic's envelope has no
     * {@code param}: the field at fault leads the message instead, as in Anthropic's own messages.
     */
    public static Object body(String path, int status, ErrorEnvelope openAi) {
        if (!anthropicRoute(path)) {
            return openAi;
        }
        String message = openAi.error().message();
        String param = openAi.error().param();
        return anthropic(status, param == null || message.contains(param) ? message : param + ": " + message);
    }

    /** Anthropic's envelope for an error with {@code status}. */
    public static AnthropicErrorEnvelope anthropic(int status, String message) {
        return AnthropicErrorEnvelope.of(anthropicType(status), message);
    }

    /** Anthropic's {@code error.type} for an HTTP status. */
    public static String anthropicType(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }
}
