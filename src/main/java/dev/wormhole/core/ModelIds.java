package dev.wormhole.core;

/**
 * What a model id a client sends may look like, checked before routing on every route that takes one: at most
 * {@value #MAX_LENGTH} characters of letters, digits and {@code . _ - : @ + ~}, in segments separated by single
 * {@code /}, none of them {@code .} or {@code ..}. That admits every id the providers use (including
 * {@code ft:gpt-4o-mini:org::id}, {@code accounts/fireworks/models/x}, {@code llama3:8b},
 * {@code anthropic/claude-3.5-sonnet:beta}) and refuses whitespace, control characters, path tricks and URLs
 * before such text reaches an upstream path or a response header.
 */
public final class ModelIds {

    /** The longest model id accepted. */
    public static final int MAX_LENGTH = 256;
    /** What the caller is told when an id does not fit. */
    public static final String RULE = "must be 1 to 256 letters, digits or . _ - : @ + ~, in segments separated by "
            + "'/', none of them '.' or '..' (no whitespace, control characters or URLs)";

    private ModelIds() {
    }

    /** Whether {@code id} is a well-formed model id. */
    public static boolean isValid(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        int segmentStart = 0;
        for (int i = 0; i <= id.length(); i++) {
            if (i == id.length() || id.charAt(i) == '/') {
                int length = i - segmentStart;
                if (length == 0 || (length <= 2 && id.startsWith("..".substring(0, length), segmentStart))) {
                    return false;
                }
                segmentStart = i + 1;
            } else if (!allowed(id.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean allowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-' || c == ':' || c == '@' || c == '+' || c == '~';
    }

    /** Refuses a malformed model id with a 400 naming {@code param}. */
    public static String require(String id, String param) {
        if (!isValid(id)) {
            throw GatewayException.invalid(param, "The " + param + " " + RULE + ".");
        }
        return id;
    }
}
