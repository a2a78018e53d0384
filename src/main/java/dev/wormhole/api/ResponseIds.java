package dev.wormhole.api;

import java.util.regex.Pattern;

import dev.wormhole.core.GatewayException;

/**
 * The shape of a response id a client may name ({@code previous_response_id}, {@code /v1/responses/{id}}):
 * {@code resp_} and up to 123 letters, digits, {@code _} or {@code -}. Checked before any lookup, so that what
 * reaches the store, a log line or an error message is short and plain.
 */
final class ResponseIds {

    private static final Pattern ID = Pattern.compile("resp_[A-Za-z0-9_-]{1,123}");

    private ResponseIds() {
    }

    /** Whether {@code id} has the shape of a response id. */
    static boolean valid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** {@code id} if it has the shape of a response id; else a 400 naming {@code param}. */
    static String check(String id, String param) {
        if (!valid(id)) {
            throw GatewayException.invalid(param, param + " must be a response id: 'resp_' followed by at most 123 "
                    + "letters, digits, '_' or '-'.");
        }
        return id;
    }
}
