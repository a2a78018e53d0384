package dev.wormhole.provider.gemini.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code models/{model}:generateContent} body asking for images: {@code responseModalities} with {@code IMAGE}
 * and, optionally, the aspect ratio. Reflection: serialized by the dialect's ObjectMapper.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageGenerationRequest(List<Content> contents, Config generationConfig) {

    /** The generation settings that matter for images. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Config(List<String> responseModalities, ImageConfig imageConfig) {
    }

    /** The shape of the image, e.g. {@code 1:1} or {@code 16:9}. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ImageConfig(String aspectRatio) {
    }
}
