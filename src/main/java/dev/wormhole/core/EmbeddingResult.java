package dev.wormhole.core;

import java.util.List;

/** One vector per input, in input order. */
public record EmbeddingResult(String model, List<float[]> vectors, Usage usage) {

    public EmbeddingResult {
        vectors = List.copyOf(vectors);
    }
}
