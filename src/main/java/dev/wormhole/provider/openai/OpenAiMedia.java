package dev.wormhole.provider.openai;

import java.util.List;

import dev.wormhole.core.AudioChunk;
import dev.wormhole.core.ImageRequest;
import dev.wormhole.core.ImageResult;
import dev.wormhole.core.SpeechRequest;
import dev.wormhole.core.Usage;
import dev.wormhole.provider.JsonExchange;
import dev.wormhole.provider.openai.wire.ImagesRequest;
import dev.wormhole.provider.openai.wire.ImagesResponse;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;

/**
 * OpenAI's media APIs over the dialect's client: {@code /images/generations} (JSON) and {@code /audio/speech},
 * whose audio body is relayed as it arrives.
 */
final class OpenAiMedia {

    private final OpenAiApi api;
    private final JsonExchange exchange;

    OpenAiMedia(OpenAiApi api) {
        this.api = api;
        this.exchange = api.exchange();
    }

    Uni<ImageResult> images(ImageRequest request) {
        ImagesRequest wire = new ImagesRequest(request.model(), request.prompt(), request.n(), request.size(),
                request.quality(), request.style(), request.background(), request.outputFormat(),
                request.responseFormat(), request.user());
        return exchange.keyed(key -> exchange.http().call(HttpMethod.POST, "/images/generations",
                api.headers(key, "application/json"), exchange.encode(wire)))
                .map(body -> fromWire(exchange.decode(body, ImagesResponse.class), request));
    }

    private ImageResult fromWire(ImagesResponse response, ImageRequest request) {
        if (response.data() == null || response.data().isEmpty()) {
            throw exchange.malformed("ImagesResponse", null);
        }
        String mimeType = "image/" + (response.outputFormat() != null ? response.outputFormat()
                : request.outputFormat() != null ? request.outputFormat() : "png");
        List<ImageResult.Image> images = response.data().stream().map(image -> {
            if (image.b64Json() == null && image.url() == null) {
                throw exchange.malformed("ImagesResponse", null);
            }
            return new ImageResult.Image(image.b64Json(), mimeType, image.b64Json() == null ? image.url() : null,
                    image.revisedPrompt());
        }).toList();
        Usage usage = response.usage() == null ? Usage.ZERO : Usage.of(orZero(response.usage().inputTokens()),
                orZero(response.usage().outputTokens()));
        long created = response.created() != null ? response.created() : System.currentTimeMillis() / 1000;
        return new ImageResult(request.model(), created, images, usage);
    }

    Multi<AudioChunk> speech(SpeechRequest request) {
        dev.wormhole.provider.openai.wire.SpeechRequest wire = new dev.wormhole.provider.openai.wire.SpeechRequest(
                request.model(), request.input(), request.voice(), request.format(), request.speed(),
                request.instructions());
        return exchange.keyedStream(key -> exchange.http().stream(HttpMethod.POST, "/audio/speech",
                api.headers(key, "*/*"), exchange.encode(wire)))
                .map(chunk -> new AudioChunk(chunk.getBytes(), null));
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
