package dev.wormhole.provider.ollama.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code POST /api/embed} body. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmbedRequest(String model, List<String> input, Integer dimensions) {
}
