package dev.wormhole.provider.gemini;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.ChatResult;
import dev.wormhole.core.EmbeddingRequest;
import dev.wormhole.core.EmbeddingResult;
import dev.wormhole.core.ImageRequest;
import dev.wormhole.core.ImageResult;
import dev.wormhole.provider.gemini.wire.ImageGenerationRequest;
import dev.wormhole.core.ModelInfo;
import dev.wormhole.provider.Capabilities;
import dev.wormhole.provider.DialectProvider;
import dev.wormhole.provider.DeltaStreams;
import dev.wormhole.provider.EmbeddingProvider;
import dev.wormhole.provider.ImageProvider;
import dev.wormhole.provider.ParallelToolCalls;
import dev.wormhole.provider.ProviderSettings;
import dev.wormhole.provider.SseEvents;
import dev.wormhole.provider.gemini.wire.GenerateContentResponse;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * A provider speaking Google's Gemini API: chat (streamed or not, with function calling, inline images,
 * structured output and thinking budgets), embeddings, image generation ({@link GeminiImages}) and model
 * discovery.
 */
public final class GeminiProvider extends DialectProvider implements EmbeddingProvider, ImageProvider {

    private static final Capabilities CAPABILITIES = new Capabilities(true, true, true, true, true);
    /** Ids for answers and calls Gemini leaves unnamed. */
    private static final Supplier<String> IDS = () -> "call_" + UUID.randomUUID().toString().replace("-", "")
            .substring(0, 24);

    private final GeminiApi api;

    GeminiProvider(Vertx vertx, ProviderSettings settings, ObjectMapper json) {
        super(settings, CAPABILITIES);
        this.api = new GeminiApi(vertx, settings, json);
    }

    @Override
    public Uni<ChatResult> chat(ChatRequest request) {
        return checked(request, () -> api.generate(request.model(), GeminiMapper.toWire(request, api.json())))
                .map(response -> ParallelToolCalls.enforce(request,
                        GeminiMapper.fromWire(response, request.model(), now(), IDS, api.json())));
    }

    @Override
    public Multi<ChatDelta> streamChat(ChatRequest request) {
        return checkedStream(request, () -> {
            GeminiStream stream = new GeminiStream(request.model(), now(), IDS, api.json());
            return ParallelToolCalls.enforce(request,
                    deltas(api.stream(request.model(), GeminiMapper.toWire(request, api.json())), stream));
        });
    }

    /** A stream's deltas, then its usage once the body has ended. */
    static Multi<ChatDelta> deltas(Multi<GenerateContentResponse> chunks, GeminiStream stream) {
        Multi<ChatDelta> deltas = DeltaStreams.expand(chunks, stream::onChunk)
                // No terminal event: a body that ends after every finish reason is a complete answer.
                .onFailure(failure -> stream.finished() && SseEvents.isTruncation(failure)).recoverWithCompletion();
        return Multi.createBy().concatenating().streams(deltas, Multi.createFrom().optional(stream::usageDelta));
    }

    @Override
    public Uni<EmbeddingResult> embed(EmbeddingRequest request) {
        return Uni.createFrom().deferred(() -> api.embed(request.model(), GeminiMapper.toWire(request)))
                .map(response -> GeminiMapper.fromWire(response, request));
    }

    /** {@code n} images from {@code n} calls, made together (n is at most 10). */
    @Override
    public Uni<ImageResult> generateImages(ImageRequest request) {
        return Uni.createFrom().deferred(() -> {
            ImageGenerationRequest wire = GeminiImages.toWire(request);
            List<Uni<GenerateContentResponse>> calls = new ArrayList<>();
            for (int i = 0; i < request.n(); i++) {
                calls.add(api.generate(request.model(), wire));
            }
            return Uni.join().all(calls).andFailFast().map(answers -> GeminiImages.fromWire(answers, request, now()));
        });
    }

    @Override
    public Uni<List<ModelInfo>> listModels() {
        return api.listModels().map(list -> GeminiMapper.fromWire(list, id()));
    }

    @Override
    public void close() {
        api.close();
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }
}
