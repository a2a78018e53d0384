package dev.wormhole.provider.openai;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.ChatResult;
import dev.wormhole.core.EmbeddingRequest;
import dev.wormhole.core.EmbeddingResult;
import dev.wormhole.core.AudioChunk;
import dev.wormhole.core.ImageRequest;
import dev.wormhole.core.ImageResult;
import dev.wormhole.core.SpeechRequest;
import dev.wormhole.core.ModelInfo;
import dev.wormhole.core.RerankRequest;
import dev.wormhole.core.RerankResult;
import dev.wormhole.provider.Capabilities;
import dev.wormhole.provider.DialectProvider;
import dev.wormhole.provider.DeltaStreams;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import dev.wormhole.provider.EmbeddingProvider;
import dev.wormhole.provider.ImageProvider;
import dev.wormhole.provider.SpeechProvider;
import dev.wormhole.provider.NativeApi;
import dev.wormhole.provider.NativeEvent;
import dev.wormhole.provider.NativeProvider;
import dev.wormhole.provider.NativeReply;
import dev.wormhole.provider.ProviderSettings;
import dev.wormhole.provider.RerankProvider;
import dev.wormhole.provider.SseEvents;
import dev.wormhole.provider.openai.wire.CohereRerank;
import dev.wormhole.provider.openai.wire.Rerank;
import dev.wormhole.provider.openai.wire.ResponseEvent;
import dev.wormhole.provider.openai.wire.VoyageRerank;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * A provider speaking OpenAI's Chat Completions, Embeddings, Images, Speech and Models APIs: OpenAI itself or any server
 * compatible with it. Streams always ask the upstream for the usage chunk. With {@code wire-api=responses}
 * chat goes through the Responses API instead of Chat Completions, and requests in the Responses API are relayed
 * to it untranslated. Reranking goes to {@code /rerank} in the API named by {@code rerank-api}
 * (OpenAI-compatible, Cohere v2 or Voyage AI).
 */
public final class OpenAiProvider extends DialectProvider
        implements EmbeddingProvider, NativeProvider, RerankProvider, ImageProvider, SpeechProvider {

    private static final Capabilities CAPABILITIES = new Capabilities(true, true, true, true, true);

    private final OpenAiApi api;
    private final OpenAiMedia media;

    OpenAiProvider(Vertx vertx, ProviderSettings settings, ObjectMapper json) {
        super(settings, CAPABILITIES);
        this.api = new OpenAiApi(vertx, settings, json);
        this.media = new OpenAiMedia(api);
    }

    @Override
    public Uni<ChatResult> chat(ChatRequest request) {
        if (quirks.responsesApi()) {
            return checked(request, () -> api.responses(ResponsesMapper.toWire(request, false)))
                    .map(r -> ResponsesMapper.fromWire(r, request.model()));
        }
        return checked(request, () -> api.chat(OpenAiMapper.toWire(request, false, quirks)))
                .map(c -> OpenAiMapper.fromWire(c, request.model()));
    }

    @Override
    public Multi<ChatDelta> streamChat(ChatRequest request) {
        if (quirks.responsesApi()) {
            return checkedStream(request, () -> {
                ResponsesStream stream = new ResponsesStream(request.model(), System.currentTimeMillis() / 1000);
                return deltas(api.streamResponses(ResponsesMapper.toWire(request, true)), stream);
            });
        }
        return checkedStream(request, () -> api.streamChat(OpenAiMapper.toWire(request, true, quirks)))
                .map(c -> OpenAiMapper.fromWire(c, request.model()));
    }

    /** A Responses API stream's deltas; the body may end without a terminal event once the answer is complete. */
    static Multi<ChatDelta> deltas(Multi<ResponseEvent> events, ResponsesStream stream) {
        return DeltaStreams.expand(events, stream::onEvent)
                .onFailure(failure -> stream.finished() && SseEvents.isTruncation(failure))
                .recoverWithCompletion();
    }

    @Override
    public boolean speaks(NativeApi kind) {
        return kind == NativeApi.RESPONSES && quirks.responsesApi();
    }

    /** A Responses API body relayed as it is; the client's headers are not needed upstream. */
    @Override
    public Uni<NativeReply> call(NativeApi kind, ObjectNode body, Map<String, String> headers) {
        return Uni.createFrom().deferred(() -> api.relayResponses(relayable(kind, body)));
    }

    @Override
    public Multi<NativeEvent> stream(NativeApi kind, ObjectNode body, Map<String, String> headers) {
        return Multi.createFrom().deferred(() -> api.relayStreamResponses(relayable(kind, body))
                .map(relayed -> {
                    ResponseEvent event = relayed.decoded();
                    boolean terminal = event.response() != null && event.type() != null
                            && !event.type().equals("response.created") && !event.type().equals("response.in_progress");
                    long characters = event.type() != null && event.type().endsWith(".delta") && event.delta() != null
                            ? event.delta().length() : 0;
                    return new NativeEvent(relayed.event().event() != null ? relayed.event().event() : event.type(),
                            relayed.event().data(), terminal ? ResponsesMapper.usage(event.response().usage()) : null,
                            characters);
                }));
    }

    private ObjectNode relayable(NativeApi kind, ObjectNode body) {
        if (!speaks(kind)) {
            throw new IllegalStateException("Provider '" + id() + "' does not speak " + kind);
        }
        return body;
    }

    @Override
    public Uni<EmbeddingResult> embed(EmbeddingRequest request) {
        return api.embed(OpenAiMapper.toWire(request)).map(r -> OpenAiMapper.fromWire(r, request));
    }

    @Override
    public Uni<RerankResult> rerank(RerankRequest request) {
        return switch (quirks.rerankApi()) {
            case OPENAI -> api.post("/rerank", RerankMapper.toWire(request), Rerank.Response.class)
                    .map(r -> RerankMapper.fromWire(r, request));
            case COHERE -> api.post("/rerank", RerankMapper.toCohere(request), CohereRerank.Response.class)
                    .map(r -> RerankMapper.fromCohere(r, request));
            case VOYAGE -> api.post("/rerank", RerankMapper.toVoyage(request), VoyageRerank.Response.class)
                    .map(r -> RerankMapper.fromVoyage(r, request));
        };
    }

    @Override
    public Uni<ImageResult> generateImages(ImageRequest request) {
        return Uni.createFrom().deferred(() -> media.images(request));
    }

    @Override
    public Multi<AudioChunk> speak(SpeechRequest request) {
        return Multi.createFrom().deferred(() -> media.speech(request));
    }

    @Override
    public Uni<List<ModelInfo>> listModels() {
        if (!quirks.listsModels()) {
            return Uni.createFrom().failure(GatewayException.of(ErrorKind.INVALID_REQUEST, "no_model_list",
                    "Provider '" + id() + "' publishes no model list; its catalog comes from the bundled data."));
        }
        return api.listModels().map(list -> OpenAiMapper.fromWire(list, id()));
    }

    @Override
    public void close() {
        api.close();
    }
}
