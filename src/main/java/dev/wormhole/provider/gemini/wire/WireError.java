package dev.wormhole.provider.gemini.wire;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Google's error: HTTP {@code code}, {@code status} such as {@code RESOURCE_EXHAUSTED}, and {@code details}
 * (a {@code google.rpc.RetryInfo} detail carries {@code retryDelay}, e.g. {@code "37s"}).
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record WireError(Integer code, String message, String status, List<Map<String, Object>> details) {

    /** {@code {"error":{…}}}. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Envelope(WireError error) {
    }
}
