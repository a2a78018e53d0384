package dev.wormhole.provider.openai.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The {@code error} object of OpenAI's error envelope; {@code code} may be a string or a number upstream. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record WireError(String message, String type, Object code, String param) {

    /** {@code {"error":{…}}}. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Envelope(WireError error) {
    }
}
