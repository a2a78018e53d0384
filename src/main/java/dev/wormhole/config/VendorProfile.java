package dev.wormhole.config;

import java.util.List;

/**
 * An OpenAI-compatible vendor described as data ({@code vendors/profiles.json}).
 *
 * @param maxTokensParam the name the vendor reads the output limit from: {@code max_tokens} or
 *                       {@code max_completion_tokens}
 * @param unsupported    request parameters the vendor rejects; a request using one is refused before any I/O
 * @param local          a server on the user's machine: defined by its base URL alone, no key needed
 * @param discovery      how its models are listed: {@code openai} ({@code GET /models}), {@code openrouter} (the
 *                       same list with prices and context lengths), or {@code none}
 * @param appendPath     a path added to a base URL from the environment that lacks it (e.g. {@code /v1})
 */
public record VendorProfile(String id, String name, String baseUrl, List<String> keyEnv, List<String> baseUrlEnv,
        String maxTokensParam, List<String> unsupported, boolean local, String discovery, String appendPath) {

    public VendorProfile {
        keyEnv = List.copyOf(keyEnv);
        baseUrlEnv = List.copyOf(baseUrlEnv);
        unsupported = List.copyOf(unsupported);
    }
}
