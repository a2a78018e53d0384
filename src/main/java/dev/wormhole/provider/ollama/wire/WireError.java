package dev.wormhole.provider.ollama.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Ollama's error body: {@code {"error":"model 'x' not found"}}. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record WireError(String error) {
}
