package dev.wormhole.core;

import java.util.List;

/** Texts to embed. {@code dimensions} is null when the model's default size is wanted. */
public record EmbeddingRequest(String model, List<String> inputs, Integer dimensions, String user) {

    public EmbeddingRequest {
        inputs = List.copyOf(inputs);
    }

    public EmbeddingRequest withModel(String otherModel) {
        return new EmbeddingRequest(otherModel, inputs, dimensions, user);
    }
}
