package dev.wormhole.provider.anthropic.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The {@code error} of Anthropic's envelope: {@code type} such as {@code overloaded_error}, and a message. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record WireError(String type, String message) {

    /** {@code {"type":"error","error":{…}}}. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Envelope(String type, WireError error) {
    }
}
