package dev.wormhole.provider.gemini;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.FinishReason;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.ImageRequest;
import dev.wormhole.core.ImageResult;
import dev.wormhole.core.Usage;
import dev.wormhole.provider.gemini.wire.Content;
import dev.wormhole.provider.gemini.wire.GenerateContentResponse;
import dev.wormhole.provider.gemini.wire.ImageGenerationRequest;

/**
 * Image generation on Gemini's image models through {@code generateContent}: the prompt as one user turn,
 * {@code responseModalities} {@code TEXT} and {@code IMAGE}, OpenAI's size as the nearest aspect ratio; the images
 * come back as {@code inlineData} parts. One call makes one image, so {@code n} images take {@code n} calls.
 */
final class GeminiImages {

    private static final Map<String, String> ASPECT_RATIOS = Map.of("256x256", "1:1", "512x512", "1:1",
            "1024x1024", "1:1", "1536x1024", "3:2", "1024x1536", "2:3", "1792x1024", "16:9", "1024x1792", "9:16");

    private GeminiImages() {
    }

    static ImageGenerationRequest toWire(ImageRequest request) {
        String ratio = request.size() == null ? null : ASPECT_RATIOS.get(request.size());
        return new ImageGenerationRequest(List.of(new Content("user", List.of(Content.Part.text(request.prompt())))),
                new ImageGenerationRequest.Config(List.of("TEXT", "IMAGE"),
                        ratio == null ? null : new ImageGenerationRequest.ImageConfig(ratio)));
    }

    /** The images of the answers, in order, with their usage summed. */
    static ImageResult fromWire(List<GenerateContentResponse> answers, ImageRequest request, long created) {
        List<ImageResult.Image> images = new ArrayList<>();
        long prompt = 0;
        long output = 0;
        for (GenerateContentResponse answer : answers) {
            images.addAll(images(answer));
            if (answer.usageMetadata() != null) {
                Usage usage = GeminiMapper.usage(answer.usageMetadata());
                prompt += usage.promptTokens();
                output += usage.completionTokens();
            }
        }
        return new ImageResult(request.model(), created, images, Usage.of(prompt, output));
    }

    private static List<ImageResult.Image> images(GenerateContentResponse answer) {
        if (answer.candidates() == null || answer.candidates().isEmpty()) {
            throw GeminiMapper.blocked(answer);
        }
        GenerateContentResponse.Candidate candidate = answer.candidates().get(0);
        List<ImageResult.Image> images = new ArrayList<>();
        if (candidate.content() != null && candidate.content().parts() != null) {
            for (Content.Part part : candidate.content().parts()) {
                if (part.inlineData() != null && part.inlineData().data() != null) {
                    images.add(new ImageResult.Image(part.inlineData().data(), part.inlineData().mimeType(), null,
                            null));
                }
            }
        }
        if (images.isEmpty()) {
            throw noImage(candidate.finishReason());
        }
        return images.subList(0, 1);
    }

    private static GatewayException noImage(String finishReason) {
        if (finishReason != null && GeminiMapper.finishReason(finishReason, false)
                == FinishReason.CONTENT_FILTER) {
            return GatewayException.of(ErrorKind.CONTENT_FILTERED, "content_filter",
                    "Gemini made no image: it stopped for " + finishReason + ".");
        }
        return GatewayException.of(ErrorKind.UPSTREAM_ERROR, "upstream_no_image",
                "Gemini answered without an image (finish reason " + finishReason + "); is the model an image model?");
    }
}
