package dev.wormhole.api;

import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.api.dto.ImagesRequest;
import dev.wormhole.api.dto.ImagesResponse;
import dev.wormhole.api.dto.SpeechRequest;
import dev.wormhole.core.AudioChunk;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.ImageRequest;
import dev.wormhole.core.ImageResult;
import dev.wormhole.discovery.CapabilityGate;
import dev.wormhole.routing.CallTrace;
import dev.wormhole.routing.MediaDispatcher;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The OpenAI media operations on validated request DTOs: image generation and speech. Values outside OpenAI's sets
 * are refused with a 400 naming the field before anything is sent upstream.
 */
@ApplicationScoped
public class MediaOperations {

    static final Set<String> SIZES = Set.of("auto", "256x256", "512x512", "1024x1024", "1536x1024", "1024x1536",
            "1792x1024", "1024x1792");
    static final Set<String> QUALITIES = Set.of("auto", "standard", "hd", "low", "medium", "high");
    static final Set<String> STYLES = Set.of("vivid", "natural");
    static final Set<String> IMAGE_FORMATS = Set.of("url", "b64_json");
    static final Set<String> BACKGROUNDS = Set.of("auto", "transparent", "opaque");
    static final Set<String> OUTPUT_FORMATS = Set.of("png", "jpeg", "webp");
    static final Set<String> VOICES = Set.of("alloy", "ash", "ballad", "coral", "echo", "fable", "nova", "onyx",
            "sage", "shimmer", "verse", "marin", "cedar");
    static final Set<String> AUDIO_FORMATS = Set.of("mp3", "wav", "opus", "aac", "flac", "pcm");
    static final double MIN_SPEED = 0.25;
    static final double MAX_SPEED = 4.0;

    private final MediaDispatcher dispatcher;
    private final CapabilityGate gate;
    private final ImageFiles files;

    MediaOperations(MediaDispatcher dispatcher, CapabilityGate gate, ImageFiles files) {
        this.dispatcher = dispatcher;
        this.gate = gate;
        this.files = files;
    }

    /**
     * The images, as base64 or as URLs: a provider's own URL is passed through, bytes wanted as a URL are kept
     * by {@link ImageFiles} and linked under {@code origin} (scheme, host and port, asked only then).
     */
    public Uni<ImagesResponse> images(ImagesRequest body, Supplier<String> origin, CallTrace trace) {
        return Uni.createFrom().deferred(() -> {
            ImageRequest request = toCore(body);
            gate.checkImages(body.model());
            boolean url = "url".equals(body.responseFormat());
            return dispatcher.images(request, trace).map(result -> toEdge(result, url, origin));
        });
    }

    /** The audio chunks once the first has come, and the media type of the requested format. */
    public Uni<Multi<AudioChunk>> speech(SpeechRequest body, CallTrace trace) {
        return Uni.createFrom().deferred(() -> {
            dev.wormhole.core.SpeechRequest request = toCore(body);
            gate.checkSpeech(body.model());
            return dispatcher.speech(request, trace);
        });
    }

    /** The media type of an audio format (OpenAI's default, {@code mp3}, when none is named). */
    public static String contentType(String format) {
        return switch (format == null ? "mp3" : format) {
            case "wav" -> "audio/wav";
            case "opus" -> "audio/ogg";
            case "aac" -> "audio/aac";
            case "flac" -> "audio/flac";
            case "pcm" -> "audio/pcm";
            default -> "audio/mpeg";
        };
    }

    static ImageRequest toCore(ImagesRequest body) {
        oneOf("size", body.size(), SIZES);
        oneOf("quality", body.quality(), QUALITIES);
        oneOf("style", body.style(), STYLES);
        oneOf("response_format", body.responseFormat(), IMAGE_FORMATS);
        oneOf("background", body.background(), BACKGROUNDS);
        oneOf("output_format", body.outputFormat(), OUTPUT_FORMATS);
        return new ImageRequest(body.model(), body.prompt(), body.n() == null ? 1 : body.n(), body.size(),
                body.quality(), body.style(), body.background(), body.outputFormat(), body.responseFormat(),
                body.user());
    }

    static dev.wormhole.core.SpeechRequest toCore(SpeechRequest body) {
        oneOf("voice", body.voice(), VOICES);
        oneOf("response_format", body.responseFormat(), AUDIO_FORMATS);
        if (body.speed() != null && !(body.speed() >= MIN_SPEED && body.speed() <= MAX_SPEED)) {
            throw GatewayException.invalid("speed", "speed must be between " + MIN_SPEED + " and " + MAX_SPEED + ".");
        }
        return new dev.wormhole.core.SpeechRequest(body.model(), body.input(), body.voice(),
                body.responseFormat() == null ? "mp3" : body.responseFormat(), body.speed(), body.instructions());
    }

    private static void oneOf(String field, String value, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw GatewayException.invalid(field, field + " must be one of " + allowed.stream().sorted().toList()
                    + ".");
        }
    }

    private ImagesResponse toEdge(ImageResult result, boolean url, Supplier<String> origin) {
        Function<ImageResult.Image, ImagesResponse.Item> item = image -> {
            if (image.base64() == null) {
                return new ImagesResponse.Item(null, image.url(), image.revisedPrompt());
            }
            if (!url) {
                return new ImagesResponse.Item(image.base64(), null, image.revisedPrompt());
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(image.base64());
            } catch (IllegalArgumentException e) {
                throw GatewayException.of(ErrorKind.UPSTREAM_ERROR, "upstream_malformed_response",
                        "The provider sent an image that is not valid base64.");
            }
            String mimeType = image.mimeType() == null ? "image/png" : image.mimeType();
            return new ImagesResponse.Item(null, origin.get() + files.store(bytes, mimeType), image.revisedPrompt());
        };
        List<ImagesResponse.Item> data = result.images().stream().map(item).toList();
        ImagesResponse.Usage usage = result.usage().totalTokens() == 0 ? null : new ImagesResponse.Usage(
                result.usage().promptTokens(), result.usage().completionTokens(), result.usage().totalTokens());
        return new ImagesResponse(result.created(), data, usage);
    }
}
