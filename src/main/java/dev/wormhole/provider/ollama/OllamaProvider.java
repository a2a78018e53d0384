package dev.wormhole.provider.ollama;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.ChatResult;
import dev.wormhole.core.EmbeddingRequest;
import dev.wormhole.core.EmbeddingResult;
import dev.wormhole.core.ModelInfo;
import dev.wormhole.provider.Capabilities;
import dev.wormhole.provider.DialectProvider;
import dev.wormhole.provider.DeltaStreams;
import dev.wormhole.provider.EmbeddingProvider;
import dev.wormhole.provider.ParallelToolCalls;
import dev.wormhole.provider.ProviderSettings;
import dev.wormhole.provider.SseEvents;
import dev.wormhole.provider.ollama.wire.ApiChatResponse;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * A provider speaking Ollama's native API: chat (NDJSON streaming, tools, inline images, JSON and schema
 * output, thinking on or off), embeddings and the local model list.
 */
public final class OllamaProvider extends DialectProvider implements EmbeddingProvider {

    private static final Capabilities CAPABILITIES = new Capabilities(true, true, true, true, true);
    private static final Supplier<String> IDS = () -> "call_" + UUID.randomUUID().toString().replace("-", "")
            .substring(0, 24);

    private final OllamaApi api;

    OllamaProvider(Vertx vertx, ProviderSettings settings, ObjectMapper json) {
        super(settings, CAPABILITIES);
        this.api = new OllamaApi(vertx, settings, json);
    }

    @Override
    public Uni<ChatResult> chat(ChatRequest request) {
        return checked(request, () -> api.chat(OllamaMapper.toWire(request, false, api.json())))
                .map(response -> ParallelToolCalls.enforce(request,
                        OllamaMapper.fromWire(response, request.model(), IDS, api.json())));
    }

    @Override
    public Multi<ChatDelta> streamChat(ChatRequest request) {
        return checkedStream(request, () -> {
            OllamaStream stream = new OllamaStream(request.model(), System.currentTimeMillis() / 1000, IDS, api.json());
            return ParallelToolCalls.enforce(request,
                    deltas(api.streamChat(OllamaMapper.toWire(request, true, api.json())), stream));
        });
    }

    /** A stream's deltas: NDJSON that ends before {@code "done": true} is an error; after it, a complete answer. */
    static Multi<ChatDelta> deltas(Multi<ApiChatResponse> lines, OllamaStream stream) {
        return DeltaStreams.expand(lines, stream::onLine)
                .onFailure(failure -> stream.done() && SseEvents.isTruncation(failure)).recoverWithCompletion();
    }

    @Override
    public Uni<EmbeddingResult> embed(EmbeddingRequest request) {
        return api.embed(OllamaMapper.toWire(request)).map(response -> OllamaMapper.fromWire(response, request));
    }

    @Override
    public Uni<List<ModelInfo>> listModels() {
        return api.tags().map(tags -> OllamaMapper.fromWire(tags, id()));
    }

    @Override
    public void close() {
        api.close();
    }
}
