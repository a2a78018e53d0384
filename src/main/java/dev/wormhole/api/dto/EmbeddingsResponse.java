package dev.wormhole.api.dto;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * OpenAI's embeddings list; each {@code embedding} is a float array or, for {@code encoding_format=base64},
 * the base64 of its little-endian float32 bytes. Reflection: written by the resource's ObjectMapper call.
 */
@RegisterForReflection
public record EmbeddingsResponse(String object, List<Item> data, String model, UsageDto usage) {

    /** One vector. */
    @RegisterForReflection
    public record Item(String object, int index, Object embedding) {
    }
}
